using System;
using System.IO;
using System.Linq;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.IntegrationTests;

/// <summary>model.ImportPyTorch(path) without PyTorch: exact round trips, and all-or-nothing checks that name the key.</summary>
public sealed class PyTorchImportTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("multitask-pytorch-import-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string WeightsPath => Path.Combine(folder, PyTorchInterop.WeightsFile);

    [Fact]
    public void An_export_imports_back_bit_for_bit()
    {
        manual_seed(1);
        using var source = new TwoLevelPleModel();
        source.ExportPyTorch(folder);
        manual_seed(2);
        using var target = new TwoLevelPleModel();
        Assert.NotEqual(Weights.Of(source), Weights.Of(target));

        target.ImportPyTorch(WeightsPath);

        Assert.Equal(Weights.Of(source), Weights.Of(target));
    }

    [Fact]
    public void A_tensor_of_another_shape_names_the_key_and_both_shapes_and_copies_nothing()
    {
        using var model = new InteropHardModel();
        var state = model.state_dict().ToDictionary(e => e.Key, e => e.Value);
        using var wrong = zeros(4, 6);
        state["kind.output.weight"] = wrong;
        PyTorchInterop.SaveSafetensors(WeightsPath, [.. state.Select(e => (e.Key, e.Value))]);

        var before = Weights.Of(model);
        var error = Assert.Throws<ModelFileException>(() => model.ImportPyTorch(WeightsPath));

        Assert.Contains("'kind.output.weight': the model expects [3, 6] Float32, the file holds [4, 6] Float32", error.Message);
        Assert.EndsWith("Nothing was copied.", error.Message);
        Assert.Equal(before, Weights.Of(model));
    }

    [Fact]
    public void Another_models_file_names_the_missing_and_the_unknown_keys()
    {
        using (var soft = new TinySoftModel())
        {
            soft.ExportPyTorch(folder);
        }

        using var model = new SharedBottomModel();
        var before = Weights.Of(model);
        var error = Assert.Throws<ModelFileException>(() => model.ImportPyTorch(WeightsPath));

        Assert.Contains("'bottom.layers.0.weight' ([8, 4] Float32) is missing from the file", error.Message);
        Assert.Contains("'a.tower.0.weight': the model expects [4, 8] Float32, the file holds [3, 2] Float32", error.Message);
        Assert.Equal(before, Weights.Of(model));
    }

    [Fact]
    public void A_truncated_file_is_reported_and_copies_nothing()
    {
        using (var source = new ThreeExpertsModel())
        {
            source.ExportPyTorch(folder);
        }

        byte[] bytes = File.ReadAllBytes(WeightsPath);
        File.WriteAllBytes(WeightsPath, bytes[..(bytes.Length - 10)]);
        using var model = new ThreeExpertsModel();
        var before = Weights.Of(model);

        var error = Assert.Throws<ModelFileException>(() => model.ImportPyTorch(WeightsPath));

        Assert.StartsWith($"'{WeightsPath}' is not a valid safetensors file: ", error.Message);
        Assert.Contains("(truncated?)", error.Message);
        Assert.Equal(before, Weights.Of(model));
    }

    [Fact]
    public void A_missing_file_is_reported()
    {
        using var model = new ThreeExpertsModel();
        var error = Assert.Throws<ModelFileException>(() => model.ImportPyTorch(WeightsPath));
        Assert.StartsWith($"Cannot read the state dict '{WeightsPath}': ", error.Message);
    }
}
