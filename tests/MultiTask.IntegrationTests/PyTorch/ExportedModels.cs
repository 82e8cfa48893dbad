using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.IntegrationTests;

/// <summary>
/// Every model of <see cref="PyTorchExportTests"/>, exported with random weights, its C# outputs (eval mode) on random rows
/// recorded, and all of them run by one PyTorch process (PyTorch/run_exports.py).
/// </summary>
public sealed class ExportedModels : IDisposable
{
    private readonly Dictionary<string, Dictionary<string, (long[] Shape, float[] Values)>> expected = [];

    public ExportedModels()
    {
        try
        {
            ExportAndRun();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Root { get; } = Directory.CreateTempSubdirectory("multitask-pytorch-export-").FullName;

    public string FolderOf(string name) => Path.Combine(Root, name);

    /// <summary>The C# model's outputs: name, shape and values.</summary>
    public IReadOnlyDictionary<string, (long[] Shape, float[] Values)> Expected(string name) => expected[name];

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private void ExportAndRun()
    {
        manual_seed(3);
        using var kinds = randint(0, 3, [9]);
        using var flags = rand(9).gt(0.5).to(float32);
        using var flagKnown = rand(9).gt(0.3);
        using var amounts = randn(9, 2);
        using var values = randn(9);
        using var other = randn(9);
        Add("hard", 5, () => new InteropHardModel(), (m, x) => m.forward(x), m => m.ExportPyTorch,
            [("target.Kind", kinds), ("target.Flag", flags), ("mask.Flag", flagKnown), ("target.Amount", amounts)],
            (m, x) => m.ComputeLoss(m.forward(x), new(kinds, new TaskTarget(flags, flagKnown), amounts)));
        Add("mmoe", 4, () => new ThreeExpertsModel(), (m, x) => m.forward(x), m => m.ExportPyTorch);
        Add("ple", 4, () => new TwoLevelPleModel(), (m, x) => m.forward(x), m => m.ExportPyTorch);
        Add("crossstitch", 4, () => new InteropCrossStitchModel(), (m, x) => m.forward(x), m => m.ExportPyTorch);
        Add("autoencoder", 6, () => new CodeModel(), (m, x) => m.forward(x), m => m.ExportPyTorch,
            [("target.Value", values), ("target.Sign", flags)], (m, x) => m.ComputeLoss(m.forward(x), new(values, flags), x));
        Add("soft", 2, () => new TinySoftModel(), (m, x) => m.forward(x), m => m.ExportPyTorch,
            [("target.A", values), ("target.B", other)], (m, x) => m.ComputeLoss(m.forward(x), new(values, other)));
        Add("names", 4, () => new NamedHeadsModel(), (m, x) => m.forward(x), m => m.ExportPyTorch);
        Add("custom", 4, () => new CustomModel(), (m, x) => m.forward(x), m => m.ExportPyTorch);
        AddPerTask();
        Python.Run("tests/MultiTask.IntegrationTests/PyTorch/run_exports.py", [.. expected.Keys.Select(FolderOf)]);
    }

    /// <summary>
    /// Exports a new model, writes its input (and <paramref name="targets"/>, for PyTorch's compute_loss) and records its outputs
    /// (and, with <paramref name="loss"/>, its losses under <c>loss.</c>).
    /// </summary>
    private void Add<TModel>(
        string name,
        int inputSize,
        Func<TModel> create,
        Func<TModel, Tensor, object> forward,
        Func<TModel, Action<string>> export,
        (string Key, Tensor Tensor)[]? targets = null,
        Func<TModel, Tensor, object>? loss = null)
        where TModel : nn.Module
    {
        manual_seed(name.Length * 7 + inputSize);
        using var model = create();
        using var input = randn(9, inputSize);
        Export(name, model, export(model), [("input", input), .. targets ?? []], () => forward(model, input), loss is null ? null : () => loss(model, input));
    }

    private void AddPerTask()
    {
        manual_seed(11);
        using var model = new TwoSourcesModel();
        using var left = randn(7, 4);
        using var right = randn(7, 4);
        Export("pertask", model, model.ExportPyTorch, [("input.Left", left), ("input.Right", right)], () => model.forward(new TwoSourcesModel.Inputs(left, right)), null);
    }

    private void Export(string name, nn.Module model, Action<string> export, (string Key, Tensor Tensor)[] inputs, Func<object> forward, Func<object>? loss)
    {
        string folder = FolderOf(name);
        export(folder);
        PyTorchInterop.SaveSafetensors(Path.Combine(folder, "input.safetensors"), inputs);
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var recorded = TensorsOf(forward(), prefix: string.Empty);
        if (loss is not null)
        {
            recorded = recorded.Concat(TensorsOf(loss(), prefix: "loss.")).ToDictionary();
        }

        expected[name] = recorded.ToDictionary(o => o.Key, o => (o.Value.shape, o.Value.data<float>().ToArray()));
    }

    /// <summary>The tensor members of a generated Outputs or Losses record, by name after <paramref name="prefix"/>.</summary>
    private static Dictionary<string, Tensor> TensorsOf(object record, string prefix)
        => record.GetType().GetProperties().Where(p => p.PropertyType == typeof(Tensor) && p.GetValue(record) is not null)
            .ToDictionary(p => prefix + p.Name, p => (Tensor)p.GetValue(record)!);
}
