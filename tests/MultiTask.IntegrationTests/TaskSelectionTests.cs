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
        Assert.Equal(0, history[^1].Train.B1.Loss);
        Assert.Equal(0, history[^1].Train.B1.Count);
        Assert.True(history[^1].Train.A1.Loss > 0);
    }
}
