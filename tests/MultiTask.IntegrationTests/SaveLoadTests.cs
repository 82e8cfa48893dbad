using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MultiTask.IntegrationTests;

/// <summary><c>model.Save(path)</c> and <c>Model.Load(path)</c> on generated models (docs/persistence.md).</summary>
public sealed class SaveLoadTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("multitask-save-load-").FullName;
    private readonly ITestOutputHelper output;

    public SaveLoadTests(ITestOutputHelper output) => this.output = output;

    private string FilePath => Path.Combine(folder, "model.mtl");

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void A_trained_hard_sharing_model_round_trips_bit_for_bit()
    {
        var (input, targets) = TestData.TwoTask(rows: 96, seed: 1);
        using var model = TestData.NewTwoTaskModel(seed: 2);
        model.CreateTrainer(new TwoTaskModel.TrainingOptions { Epochs = 2 }).Fit(TwoTaskModel.Batch.From(input, targets, batchSize: 32));

        var stopwatch = Stopwatch.StartNew();
        model.Save(FilePath);
        var saved = stopwatch.Elapsed;
        using var loaded = TwoTaskModel.Load(FilePath);
        output.WriteLine($"TwoTaskModel: {new FileInfo(FilePath).Length} bytes for {model.Summary().Total} parameters; save {saved.TotalMilliseconds:F1} ms, load {(stopwatch.Elapsed - saved).TotalMilliseconds:F1} ms");

        Assert.Equal(Weights.Of(model), Weights.Of(loaded));
        var expected = model.forward(input);
        var actual = loaded.forward(input);
        Assert.Equal(Values(expected.Category), Values(actual.Category));
        Assert.Equal(Values(expected.Flag), Values(actual.Flag));
        Assert.Equal(model.Predict(input).Category.Classes.data<long>().ToArray(), loaded.Predict(input).Category.Classes.data<long>().ToArray());
    }

    [Fact]
    public void An_MMoE_round_trips_bit_for_bit()
    {
        var (x, a, b) = SharingData.TwoTargets(rows: 64, width: 4, seed: 3);
        manual_seed(4);
        using var model = new ThreeExpertsModel();
        model.CreateTrainer(new ThreeExpertsModel.TrainingOptions { Epochs = 2 }).Fit(ThreeExpertsModel.Batch.From(x, new ThreeExpertsModel.Targets(a, b), batchSize: 16));

        model.Save(FilePath);
        using var loaded = ThreeExpertsModel.Load(FilePath);

        Assert.Equal(Weights.Of(model), Weights.Of(loaded));
        Assert.Equal(Values(model.forward(x).A), Values(loaded.forward(x).A));
        Assert.Equal(Values(model.Experts.GateWeights(x)[1]), Values(loaded.Experts.GateWeights(x)[1]));
    }

    [Fact]
    public void An_uncertainty_weighted_model_round_trips_its_learned_log_variances()
    {
        var (input, targets) = TestData.TwoTask(rows: 96, seed: 1);
        manual_seed(5);
        using var model = new UncertainTwoTaskModel();
        model.CreateTrainer(new UncertainTwoTaskModel.TrainingOptions { Epochs = 3, LearningRate = 1e-2 })
            .Fit(UncertainTwoTaskModel.Batch.From(input, new UncertainTwoTaskModel.Targets(targets.Category, targets.Flag), batchSize: 32));
        var logVariances = Weights.Of(model)["lossWeighting.log_variances"];
        Assert.NotEqual(new byte[logVariances.Length], logVariances);

        model.Save(FilePath);
        using var loaded = UncertainTwoTaskModel.Load(FilePath);

        Assert.Equal(Weights.Of(model), Weights.Of(loaded));
        Assert.Equal(Values(model.forward(input).Flag), Values(loaded.forward(input).Flag));
    }

    [Fact]
    public void Every_sharing_strategy_round_trips_bit_for_bit()
    {
        manual_seed(7);
        AssertRoundTrip(new TinySoftModel(), m => m.Save(FilePath), TinySoftModel.Load);
        AssertRoundTrip(new CodeModel(), m => m.Save(FilePath), CodeModel.Load);
        AssertRoundTrip(new TwoLevelPleModel(), m => m.Save(FilePath), TwoLevelPleModel.Load);
        AssertRoundTrip(new TwoSourcesModel(), m => m.Save(FilePath), TwoSourcesModel.Load);
        AssertRoundTrip(new CustomModel(), m => m.Save(FilePath), CustomModel.Load);
    }

    private void AssertRoundTrip<TModel>(TModel model, Action<TModel> save, Func<string, TModel> load)
        where TModel : nn.Module
    {
        using (model)
        {
            save(model);
            using var loaded = load(FilePath);
            Assert.Equal(Weights.Of(model), Weights.Of(loaded));
        }
    }

    [Fact]
    public void A_file_of_another_declaration_fails_naming_the_key_shapes_and_declaration_and_changes_nothing()
    {
        using var three = new ThreeExpertsModel();
        three.Save(FilePath);
        using var one = new OneExpertModel();
        var before = Weights.Of(one);

        var error = Assert.Throws<ModelFileException>(() => ModelFile.LoadInto(one, TasksOf(one), FilePath));

        Assert.Contains($"Cannot load '{FilePath}' into MultiTask.IntegrationTests.OneExpertModel: the file was saved from MultiTask.IntegrationTests.ThreeExpertsModel (tasks A (regression), B (regression))", error.Message, StringComparison.Ordinal);
        Assert.Matches(@"'experts\.[\w.]+': this model expects \[1, .*\] Float32, the file holds \[3, .*\] Float32", error.Message);
        Assert.Equal(before, Weights.Of(one));
        var load = Assert.Throws<ModelFileException>(() => OneExpertModel.Load(FilePath));
        Assert.Equal(error.Message, load.Message);
    }

    [Fact]
    public void A_static_weighting_file_does_not_load_into_the_uncertainty_declaration()
    {
        using var model = TestData.NewTwoTaskModel(seed: 1);
        model.Save(FilePath);

        var error = Assert.Throws<ModelFileException>(() => UncertainTwoTaskModel.Load(FilePath));

        Assert.Contains("'lossWeighting.log_variances' ([2] Float32) is missing from the file", error.Message, StringComparison.Ordinal);
        Assert.Equal("MultiTask.IntegrationTests.TwoTaskModel", error.SavedFrom);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(100)]
    [InlineData(2000)]
    [InlineData(-32)]
    public void A_truncated_or_damaged_file_fails_naming_the_file_and_changes_nothing(int cut)
    {
        using var saved = TestData.NewTwoTaskModel(seed: 1);
        using var target = TestData.NewTwoTaskModel(seed: 2);
        saved.Save(FilePath);
        byte[] whole = File.ReadAllBytes(FilePath);
        var before = Weights.Of(target);

        File.WriteAllBytes(FilePath, whole[..(cut > 0 ? cut : whole.Length + cut)]);
        var truncated = Assert.Throws<ModelFileException>(() => ModelFile.LoadInto(target, TasksOf(target), FilePath));
        Assert.Contains($"The model file '{FilePath}' is truncated", truncated.Message, StringComparison.Ordinal);

        whole[cut > 0 ? cut : whole.Length + cut] ^= 0x01;
        File.WriteAllBytes(FilePath, whole);
        var damaged = Assert.Throws<ModelFileException>(() => ModelFile.LoadInto(target, TasksOf(target), FilePath));
        Assert.Contains($"The model file '{FilePath}' is corrupt", damaged.Message, StringComparison.Ordinal);

        Assert.Equal(before, Weights.Of(target));
    }

    [Fact]
    public void Saving_over_a_file_leaves_only_the_new_file()
    {
        using var first = TestData.NewTwoTaskModel(seed: 1);
        using var second = TestData.NewTwoTaskModel(seed: 2);
        first.Save(FilePath);
        second.Save(FilePath);

        Assert.Equal([FilePath], Directory.GetFiles(folder));
        using var loaded = TwoTaskModel.Load(FilePath);
        Assert.Equal(Weights.Of(second), Weights.Of(loaded));
    }

    [Fact]
    public void The_live_tensor_count_is_flat_across_save_load_and_failed_loads()
    {
        using var model = TestData.NewTwoTaskModel(seed: 1);
        model.Save(FilePath);
        TwoTaskModel.Load(FilePath).Dispose();
        string other = Path.Combine(folder, "other.mtl");
        using (var mmoe = new ThreeExpertsModel())
        {
            mmoe.Save(other);
        }

        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (int i = 0; i < 3; i++)
        {
            model.Save(FilePath);
            TwoTaskModel.Load(FilePath).Dispose();
            Assert.Throws<ModelFileException>(() => TwoTaskModel.Load(other));
        }

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    private static IReadOnlyList<TaskDefinition> TasksOf<TBatch>(IMultiTaskNetwork<TBatch> model) => model.Tasks;

    private static float[] Values(Tensor tensor) => tensor.detach().data<float>().ToArray();
}

/// <summary>Every state-dict tensor's raw bytes, for bit-for-bit comparisons.</summary>
internal static class Weights
{
    public static SortedDictionary<string, byte[]> Of(nn.Module module)
    {
        using var scope = NewDisposeScope();
        var weights = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (key, tensor) in module.state_dict())
        {
            weights[key] = tensor.detach().cpu().contiguous().bytes.ToArray();
        }

        return weights;
    }
}
