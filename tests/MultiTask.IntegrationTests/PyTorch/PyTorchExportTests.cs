using System;
using System.IO;
using System.Linq;
using Xunit;

namespace MultiTask.IntegrationTests;

/// <summary>
/// model.ExportPyTorch(folder) run in PyTorch (Debian's python3-torch): the exported module loads the safetensors with the
/// C# state-dict keys (load_state_dict is strict) and gives the C# outputs on the same rows (docs/scaling.md).
/// </summary>
public sealed class PyTorchExportTests(ExportedModels exports) : IClassFixture<ExportedModels>
{
    private const float Tolerance = 1e-5f;

    [Theory]
    [InlineData("hard")]
    [InlineData("mmoe")]
    [InlineData("ple")]
    [InlineData("crossstitch")]
    [InlineData("autoencoder")]
    [InlineData("soft")]
    [InlineData("pertask")]
    [InlineData("names")]
    public void PyTorch_gives_the_outputs_of_the_CSharp_model(string name)
    {
        var actual = PyTorchInterop.LoadSafetensors(Path.Combine(exports.FolderOf(name), "outputs.safetensors"));
        var expected = exports.Expected(name);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (output, (shape, values)) in expected)
        {
            Assert.Equal(shape, actual[output].shape);
            float[] got = actual[output].data<float>().ToArray();
            float worst = values.Zip(got, (a, b) => Math.Abs(a - b)).Max();
            Assert.True(worst <= Tolerance, $"{name}.{output}: largest difference {worst}");
        }
    }

    [Fact]
    public void PyTorch_computes_the_declared_losses_of_hard_sharing_soft_sharing_and_the_autoencoder()
    {
        Assert.Equal(["loss.Total", "loss.Kind", "loss.Flag", "loss.Amount"], exports.Expected("hard").Keys.Where(k => k.StartsWith("loss.")));
        Assert.Equal(["loss.Total", "loss.A", "loss.B", "loss.SoftSharing"], exports.Expected("soft").Keys.Where(k => k.StartsWith("loss.")));
        Assert.Equal(["loss.Total", "loss.Value", "loss.Sign", "loss.Reconstruction"], exports.Expected("autoencoder").Keys.Where(k => k.StartsWith("loss.")));
    }

    [Fact]
    public void The_autoencoder_export_returns_the_reconstruction_beside_the_task_outputs()
        => Assert.Equal(["Value", "Sign", "Reconstruction"], exports.Expected("autoencoder").Keys.Where(k => !k.StartsWith("loss.")));

    [Fact]
    public void Fields_that_are_not_plain_python_names_keep_their_keys()
    {
        string python = File.ReadAllText(Path.Combine(exports.FolderOf("names"), PyTorchInterop.PythonFile));
        Assert.Contains("self._class = Head(", python);
        Assert.Contains("self.add_module(\"_点击率\", Head(", python);
        Assert.Contains("\"点击率\": getattr(self, \"_点击率\")(representation),", python);
        Assert.Equal(["class", "点击率", "Конверсия", "_raw", "x2y"], exports.Expected("names").Keys);
    }

    [Fact]
    public void A_user_module_is_left_to_the_user_with_a_note_naming_its_keys()
    {
        string folder = exports.FolderOf("custom");
        string python = File.ReadAllText(Path.Combine(folder, PyTorchInterop.PythonFile));
        Assert.Contains("NOTE: 'encoder' is the user module MultiTask.IntegrationTests.GatedEncoder.", python);
        Assert.Contains("NOTE: 'sum' is the user module MultiTask.IntegrationTests.SumHead.", python);
        Assert.Contains("value.weight [8, 4]", python);
        Assert.Contains("self.flag = Head(", python);
        Assert.False(File.Exists(Path.Combine(folder, "outputs.safetensors")));
        string error = File.ReadAllText(Path.Combine(folder, "error.txt"));
        Assert.StartsWith("'encoder' is the user module MultiTask.IntegrationTests.GatedEncoder, which MultiTask cannot translate.", error);
        Assert.Contains("gate.bias [8]", error);
    }

    [Fact]
    public void The_python_file_carries_the_tasks_loss_weights_and_the_declared_loss_terms()
    {
        string hard = File.ReadAllText(Path.Combine(exports.FolderOf("hard"), PyTorchInterop.PythonFile));
        Assert.Contains("""{"name": "Flag", "field": "flag", "kind": "binary", "weight": 0.5, "outputs": 1, "positiveWeight": 2.0, "threshold": 0.5}""", hard);
        Assert.Contains("""{"name": "Amount", "field": "amount", "kind": "regression", "weight": 1.0, "outputs": 2, "loss": "Huber", "huberDelta": 0.5}""", hard);
        Assert.Contains("self.body = Trunk([nn.Linear(5, 8, bias=True), nn.LayerNorm(8, eps=1E-05), nn.GELU(), nn.Dropout(0.2), ", hard);
        Assert.Contains("The C# model trains with UncertaintyWeighting; that method is not reproduced here", hard);
        Assert.Contains("self.lossWeighting = StateHolder([(\"log_variances\", [3], \"float32\", True)])", hard);
        Assert.Contains("SOFT_SHARING_LAMBDA = 0.5", File.ReadAllText(Path.Combine(exports.FolderOf("soft"), PyTorchInterop.PythonFile)));
        Assert.Contains("RECONSTRUCTION_WEIGHT = 0.5", File.ReadAllText(Path.Combine(exports.FolderOf("autoencoder"), PyTorchInterop.PythonFile)));
    }
}
