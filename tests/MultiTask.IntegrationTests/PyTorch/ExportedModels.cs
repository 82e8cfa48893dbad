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
        Add("hard", 5, () => new InteropHardModel(), (m, x) => m.forward(x), m => m.ExportPyTorch);
        Add("mmoe", 4, () => new ThreeExpertsModel(), (m, x) => m.forward(x), m => m.ExportPyTorch);
        Add("ple", 4, () => new TwoLevelPleModel(), (m, x) => m.forward(x), m => m.ExportPyTorch);
        Add("autoencoder", 6, () => new CodeModel(), (m, x) => m.forward(x), m => m.ExportPyTorch);
        Add("soft", 2, () => new TinySoftModel(), (m, x) => m.forward(x), m => m.ExportPyTorch);
        Add("names", 4, () => new NamedHeadsModel(), (m, x) => m.forward(x), m => m.ExportPyTorch);
        Add("custom", 4, () => new CustomModel(), (m, x) => m.forward(x), m => m.ExportPyTorch);
        AddPerTask();
        Python.Run("tests/MultiTask.IntegrationTests/PyTorch/run_exports.py", [.. expected.Keys.Select(FolderOf)]);
    }

    private void Add<TModel>(string name, int inputSize, Func<TModel> create, Func<TModel, Tensor, object> forward, Func<TModel, Action<string>> export)
        where TModel : nn.Module
    {
        manual_seed(name.Length * 7 + inputSize);
        using var model = create();
        using var input = randn(9, inputSize);
        Export(name, model, export(model), [("input", input)], () => forward(model, input));
    }

    private void AddPerTask()
    {
        manual_seed(11);
        using var model = new TwoSourcesModel();
        using var left = randn(7, 4);
        using var right = randn(7, 4);
        Export("pertask", model, model.ExportPyTorch, [("input.Left", left), ("input.Right", right)], () => model.forward(new TwoSourcesModel.Inputs(left, right)));
    }

    private void Export(string name, nn.Module model, Action<string> export, (string Key, Tensor Tensor)[] inputs, Func<object> forward)
    {
        string folder = FolderOf(name);
        export(folder);
        PyTorchInterop.SaveSafetensors(Path.Combine(folder, "input.safetensors"), inputs);
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        expected[name] = TensorsOf(forward()).ToDictionary(o => o.Key, o => (o.Value.shape, o.Value.data<float>().ToArray()));
    }

    /// <summary>The tensor members of a generated Outputs record, by name.</summary>
    private static Dictionary<string, Tensor> TensorsOf(object outputs)
        => outputs.GetType().GetProperties().Where(p => p.PropertyType == typeof(Tensor) && p.GetValue(outputs) is not null)
            .ToDictionary(p => p.Name, p => (Tensor)p.GetValue(outputs)!);
}
