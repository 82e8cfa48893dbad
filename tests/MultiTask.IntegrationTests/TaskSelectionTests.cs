using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.IntegrationTests;

/// <summary>Four regression tasks in two related pairs (correlation 0.9 inside a pair, 0 across), as in samples/TaskSelection.</summary>
[MultiTaskModel(InputSize = 16)]
public partial class TaskPairsModel
{
    [SharedTrunk(16)]
    public partial Trunk Shared { get; }

    [RegressionHead(Hidden = new[] { 8 })] public partial Head A1 { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head A2 { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head B1 { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head B2 { get; }
}

public class TaskSelectionTests
{
    [Fact]
    public void The_affinity_of_a_run_finds_the_two_related_pairs()
    {
        var data = SyntheticTasks.RegressionPairs(rows: 1536, pairs: 2, correlation: 0.9, dimension: 16, seed: 5);
        var y = data.Targets.Select(t => (TaskTarget)tensor(t)).ToArray();
        manual_seed(1);
        using var model = new TaskPairsModel();
        using var trainer = model.CreateTrainer(new TaskPairsModel.TrainingOptions { Epochs = 8, LearningRate = 3e-3, TaskAffinity = new TaskAffinityOptions { Every = 4 } });
        var history = trainer.Fit(TaskPairsModel.Batch.From(tensor(data.Features), new TaskPairsModel.Targets(y[0], y[1], y[2], y[3]), batchSize: 64, shuffle: true, seed: 2));

        var affinity = TaskAffinity.Mean(history.Select(e => e.TaskAffinity!).ToArray());
        Assert.Equal(8 * 24 / 4, affinity.Measurements);
        // Inside a pair a step on one task helps the other far more than across pairs.
        Assert.True(affinity.Lookahead[0, 1] > 3 * affinity.Lookahead[0, 2], affinity.ToString());
        Assert.True(affinity.Lookahead[3, 2] > 3 * affinity.Lookahead[3, 1], affinity.ToString());
        var best = TaskGrouping.Rank(affinity)[0];
        Assert.Equal(["A1,A2", "B1,B2"], best.Groups.Select(g => string.Join(",", g)).OrderBy(g => g, System.StringComparer.Ordinal));
    }

    [Fact]
    public void A_group_trains_with_the_other_tasks_masked_out()
    {
        var data = SyntheticTasks.RegressionPairs(rows: 256, pairs: 2, correlation: 0.9, dimension: 16, seed: 6);
        var y = data.Targets.Select(t => (TaskTarget)tensor(t)).ToArray();
        manual_seed(2);
        using var model = new TaskPairsModel();
        var headB1 = model.B1.parameters().Select(p => p.detach().clone()).ToArray();
        using var trainer = model.CreateTrainer(new TaskPairsModel.TrainingOptions { Epochs = 2 });
        var history = trainer.Fit(TaskPairsModel.Batch.From(tensor(data.Features), new TaskPairsModel.Targets(y[0], y[1], y[2].MaskedOut(), y[3].MaskedOut()), batchSize: 64));

        // The masked tasks add nothing: their heads never move and their losses are exactly 0.
        Assert.All(model.B1.parameters().Zip(headB1), p => Assert.True(p.First.eq(p.Second).all().item<bool>()));
        Assert.True(double.IsNaN(history[^1].Train.B1.Loss)); // absent from the pass: no loss, not 0
        Assert.Equal(0, history[^1].Train.B1.Count);
        Assert.True(history[^1].Train.A1.Loss > 0);
    }

    /// <summary>
    /// Trains twice from one seed, without and with measuring every other step: the same weights to the bit (measuring restores
    /// what it moves); returns the measured run's last epoch affinity.
    /// </summary>
    private static TaskAffinity MeasureWithoutChangingTraining<TModel, TBatch, TMetrics>(Func<TModel> build, Func<IEnumerable<TBatch>> batches)
        where TModel : nn.Module, IMultiTaskModel<TBatch, TMetrics>
    {
        Dictionary<string, Tensor>? plain = null;
        foreach (var measure in new[] { false, true })
        {
            manual_seed(3);
            var model = build();
            using var trainer = model.CreateTrainer(new TrainingOptions<TMetrics> { Epochs = 2, TaskAffinity = measure ? new TaskAffinityOptions { Every = 2 } : null });
            var history = trainer.Fit(batches());
            var weights = model.state_dict();
            if (plain is null)
            {
                plain = weights;
                continue;
            }

            foreach (var (key, value) in weights)
            {
                Assert.True(value.equal(plain[key]).all().item<bool>(), $"{typeof(TModel).Name}: measuring changed {key}");
            }

            return history[^1].TaskAffinity ?? throw new Xunit.Sdk.XunitException($"{typeof(TModel).Name}: nothing measured");
        }

        throw new InvalidOperationException("unreachable");
    }

    private static void AssertMeasured(TaskAffinity affinity, int tasks)
    {
        Assert.Equal(tasks, affinity.Tasks.Count);
        Assert.True(affinity.Measurements > 0);
        Assert.All(affinity.Lookahead.Cast<double>(), v => Assert.True(double.IsFinite(v), affinity.ToString()));
        Assert.All(Enumerable.Range(0, tasks), i => Assert.Equal(1, affinity.GradientCosine[i, i], 5));
    }

    [Fact]
    public void Measuring_works_on_an_autoencoder_MMoE_with_masks_and_PLE_without_changing_training()
    {
        var (x, value, sign) = SharingData.Factors(rows: 64, seed: 4);
        AssertMeasured(MeasureWithoutChangingTraining<CodeModel, CodeModel.Batch, CodeModel.Metrics>(
            () => new CodeModel(), () => CodeModel.Batch.From(x, new CodeModel.Targets(value, sign), batchSize: 16, shuffle: true, seed: 1)), tasks: 2);

        var (x4, a, b) = SharingData.TwoTargets(rows: 64, width: 4, seed: 5);
        var half = arange(64).remainder(2).eq(0);
        AssertMeasured(MeasureWithoutChangingTraining<ThreeExpertsModel, ThreeExpertsModel.Batch, ThreeExpertsModel.Metrics>(
            () => new ThreeExpertsModel(), () => ThreeExpertsModel.Batch.From(x4, new ThreeExpertsModel.Targets(a, new TaskTarget(b, half)), batchSize: 16, shuffle: true, seed: 1)), tasks: 2);
        AssertMeasured(MeasureWithoutChangingTraining<TwoLevelPleModel, TwoLevelPleModel.Batch, TwoLevelPleModel.Metrics>(
            () => new TwoLevelPleModel(), () => TwoLevelPleModel.Batch.From(x4, new TwoLevelPleModel.Targets(a, b), batchSize: 16)), tasks: 2);
    }

    [Fact]
    public void With_one_input_per_task_a_pair_is_measured_only_where_both_are_present()
    {
        // 2 batches of the left task and 4 of the right: the shorter source cycles, so both are present in every step.
        var (lx, ly, _) = SharingData.TwoTargets(rows: 16, width: 4, seed: 6);
        var (rx, ry, _) = SharingData.TwoTargets(rows: 32, width: 4, seed: 7);
        var left = new TaskData(lx, ly.gt(0).to(ScalarType.Float32));
        var right = new TaskData(rx, ry);
        AssertMeasured(MeasureWithoutChangingTraining<TwoSourcesModel, TwoSourcesModel.Batch, TwoSourcesModel.Metrics>(
            () => new TwoSourcesModel(), () => TwoSourcesModel.Batch.From(left, right, batchSize: 8)), tasks: 2);

        // Only the left task has data: it is measured on itself, and every pair with the absent task stays NaN.
        var alone = MeasureWithoutChangingTraining<TwoSourcesModel, TwoSourcesModel.Batch, TwoSourcesModel.Metrics>(
            () => new TwoSourcesModel(), () => TwoSourcesModel.Batch.From(left, null, batchSize: 8));
        Assert.True(double.IsFinite(alone.Lookahead[0, 0]) && alone.Lookahead[0, 0] > 0, alone.ToString());
        Assert.True(double.IsNaN(alone.Lookahead[0, 1]) && double.IsNaN(alone.Lookahead[1, 0]) && double.IsNaN(alone.Lookahead[1, 1]), alone.ToString());
        Assert.True(double.IsNaN(alone.GradientCosine[0, 1]));
    }
}
