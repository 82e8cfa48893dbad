using System;
using System.Collections.Generic;
using System.Linq;
using MultiTask;
using static TorchSharp.torch;

namespace MultiTask.Benchmarks.Tag;

/// <summary>
/// tag: the cost of measuring inter-task affinity (TrainingOptions.TaskAffinity, every 10 steps) with 4 tasks: input 128;
/// trunk 128-256-128 ReLU; four regression heads (hidden 32); batch 128; Adam lr 1e-3; float32. 40 batches of two related
/// task pairs (SyntheticTasks.RegressionPairs) made once; a round is 120 steps (three trainer epochs).
/// </summary>
internal sealed class TagWorkload : IWorkload
{
    private const int BatchSize = 128;
    private const int Batches = 40;

    private IReadOnlyList<TagModel.Batch>? batches;

    public string Name => "tag";

    public string Shape => "input 128; trunk 128-256-128 ReLU; 4 regression heads (hidden 32); batch 128; Adam lr 1e-3; float32";

    public int StepsPerRound => 3 * Batches;

    public IReadOnlyList<string> VariantNames { get; } = ["trainer", "trainer-affinity"];

    public IReadOnlyList<string> SpeedVariants => VariantNames;

    public IReadOnlyList<string> MemoryVariants => VariantNames;

    public IReadOnlyList<Comparison> Comparisons { get; } =
    [
        new("trainer-affinity", "trainer", "trainer measuring task affinity every 10 steps / plain trainer (speed; 1/1.5 = 0.667 is the cost target)", 1 / 1.5),
    ];

    public Variant Create(string name)
    {
        if (!VariantNames.Contains(name))
        {
            throw new ArgumentException($"Unknown tag variant '{name}'. Known: {string.Join(", ", VariantNames)}.");
        }

        var data = batches ??= MakeBatches();
        manual_seed(1);
        var model = new TagModel();
        var measuring = name == "trainer-affinity";
        var description = measuring ? "generated trainer, TaskAffinity every 10 steps (lookahead and gradient cosines)" : "generated trainer, no affinity";
        return TrainerVariants.Create(name, description, Batches, data, model, (epochs, stepProgress, interval) =>
            model.CreateTrainer(new TagModel.TrainingOptions
            {
                Epochs = epochs,
                StepProgress = stepProgress,
                StepProgressInterval = interval,
                TaskAffinity = measuring ? new TaskAffinityOptions { Every = 10 } : null,
            }));
    }

    private static IReadOnlyList<TagModel.Batch> MakeBatches()
    {
        var data = SyntheticTasks.RegressionPairs(BatchSize * Batches, pairs: 2, correlation: 0.9, dimension: 128, seed: 1);
        var x = tensor(data.Features).DetachFromDisposeScope();
        var y = data.Targets.Select(t => tensor(t).DetachFromDisposeScope()).ToArray();
        return Enumerable.Range(0, Batches).Select(b =>
        {
            TaskTarget Rows(Tensor t) => t.narrow(0, (long)b * BatchSize, BatchSize).contiguous().DetachFromDisposeScope();
            var input = x.narrow(0, (long)b * BatchSize, BatchSize).contiguous().DetachFromDisposeScope();
            return new TagModel.Batch(input, new TagModel.Targets(Rows(y[0]), Rows(y[1]), Rows(y[2]), Rows(y[3])));
        }).ToArray();
    }
}
