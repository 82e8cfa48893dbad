using System;
using System.IO;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.IntegrationTests;

/// <summary>
/// An exported model trained one epoch in PyTorch by eng/pytorch/train_ddp.py (one process, no torchrun) and imported back:
/// the C# model then gives PyTorch's outputs, from the safetensors file and from torch.save's file alike.
/// </summary>
public sealed class PyTorchTrainingTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("multitask-pytorch-train-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void A_model_trained_in_PyTorch_imports_back_with_its_outputs()
    {
        manual_seed(21);
        using var exported = new InteropHardModel();
        string export = Path.Combine(folder, "export");
        exported.ExportPyTorch(export);
        using var input = randn(48, 5);
        using var kinds = randint(0, 3, [48]);
        using var flags = rand(48).gt(0.5).to(float32);
        using var flagKnown = rand(48).gt(0.25);
        using var amounts = randn(48, 2);
        using var probe = randn(6, 5);
        PyTorchInterop.SaveSafetensors(Path.Combine(folder, "data.safetensors"),
            [("input", input), ("target.Kind", kinds), ("target.Flag", flags), ("mask.Flag", flagKnown), ("target.Amount", amounts)]);
        PyTorchInterop.SaveSafetensors(Path.Combine(folder, "probe.safetensors"), [("input", probe)]);

        string log = Python.Run("eng/pytorch/train_ddp.py", "--export", export, "--data", Path.Combine(folder, "data.safetensors"), "--epochs", "1",
            "--batch-size", "16", "--lr", "0.01", "--out", Path.Combine(folder, "trained.safetensors"), "--torch-save", Path.Combine(folder, "trained.pt"),
            "--predict", Path.Combine(folder, "probe.safetensors"), "--predictions", Path.Combine(folder, "predictions.safetensors"));
        Assert.Contains("epoch 1: mean loss", log);

        var predictions = PyTorchInterop.LoadSafetensors(Path.Combine(folder, "predictions.safetensors"));
        foreach (string file in new[] { "trained.safetensors", "trained.pt" })
        {
            manual_seed(99);
            using var imported = new InteropHardModel();
            imported.ImportPyTorch(Path.Combine(folder, file));
            imported.eval();
            using var noGrad = no_grad();
            var outputs = imported.forward(probe);
            AssertClose(predictions["Kind"], outputs.Kind, file);
            AssertClose(predictions["Flag"], outputs.Flag, file);
            AssertClose(predictions["Amount"], outputs.Amount, file);
        }

        // The epoch changed the weights: the exported model's outputs are not PyTorch's.
        exported.eval();
        using (no_grad())
        {
            Assert.True(exported.forward(probe).Kind.sub(predictions["Kind"]).abs().max().ToSingle() > 1e-3f);
        }
    }

    private static void AssertClose(Tensor expected, Tensor actual, string file)
    {
        Assert.Equal(expected.shape, actual.shape);
        float worst = expected.sub(actual).abs().max().ToSingle();
        Assert.True(worst <= 1e-5f, $"{file}: largest difference {worst}");
    }
}
