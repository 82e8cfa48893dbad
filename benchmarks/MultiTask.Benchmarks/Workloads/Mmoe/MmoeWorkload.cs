using System;
using System.Collections.Generic;
using MultiTask;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Benchmarks.Mmoe;

/// <summary>
/// mmoe: input 100; 8 experts of one 64-unit ReLU layer; two tasks, each a softmax gate over the experts and a tower
/// 64-32-1; MSE; batch 1024; Adam lr 1e-3; float32. 20 batches (20,480 rows of the MMoE paper's synthetic regression
/// tasks, correlation 0.5) made once and cycled; a round is 200 steps (ten trainer epochs of 20 batches).
/// </summary>
internal sealed class MmoeWorkload : IWorkload
{
    private const int BatchSize = 1024;
    private const int Batches = 20;
    private const double LearningRate = 1e-3;

    private Data? data;

    public string Name => "mmoe";

    public string Shape => "input 100; MMoE, 8 experts of one 64-unit ReLU layer, a softmax gate per task; two regression towers 64-32-1; MSE; batch 1024; Adam lr 1e-3; float32";

    public int StepsPerRound => 10 * Batches;

    public IReadOnlyList<string> VariantNames { get; } = ["hand", "hand-bmm", "gen-step", "trainer", "hand-rt", "hand-bmm-rt", "gen-step-rt"];

    public IReadOnlyList<string> SpeedVariants { get; } = ["hand", "hand-bmm", "gen-step", "trainer", "hand-rt", "hand-bmm-rt", "gen-step-rt"];

    public IReadOnlyList<string> MemoryVariants { get; } = ["hand", "hand-rt", "hand-bmm-rt", "gen-step-rt", "trainer"];

    public IReadOnlyList<Comparison> Comparisons { get; } =
    [
        new("gen-step", "hand-bmm", "generated step / hand-written batched-experts step (same bare loop, TorchSharp Adam)", 0.98),
        new("gen-step-rt", "hand-bmm-rt", "generated step / hand-written batched-experts step (same bare loop, runtime Adam)", 0.98),
        new("gen-step", "hand", "generated step / naive hand-written step, one Linear per expert (TorchSharp Adam)", 1.0),
        new("gen-step-rt", "hand-rt", "generated step / naive hand-written step (runtime Adam)", 1.0),
        new("trainer", "hand-bmm-rt", "generated trainer (metrics, progress) / bare batched hand-written loop, same optimizer", 0.95),
        new("trainer", "hand-bmm", "generated trainer / bare batched hand-written loop (TorchSharp Adam)", 0.95),
        new("trainer", "hand", "generated trainer / bare naive hand-written loop (TorchSharp Adam)", 0.95),
        new("hand-bmm", "hand", "batched experts / one Linear per expert, both hand-written (TorchSharp Adam)", double.NaN),
        new("hand-rt", "hand", "hand-written loop with the runtime's AdamOptimizer / with TorchSharp's Adam", double.NaN),
    ];

    public Variant Create(string name)
    {
        var d = data ??= Data.Create();
        switch (name)
        {
            case "hand":
            case "hand-rt":
            case "hand-bmm":
            case "hand-bmm-rt":
            {
                torch.manual_seed(1);
                var batched = name.StartsWith("hand-bmm", StringComparison.Ordinal);
                nn.Module<Tensor, (Tensor First, Tensor Second)> model = batched ? new MmoeBatched() : new MmoeNaive();
                var optimizer = VariantOptimizer.Adam(name, model, LearningRate);
                var description = (batched ? "hand-written, experts as one batched [8,100,64] weight" : "hand-written naive, one Linear per expert")
                    + $", bare loop, {VariantOptimizer.Describe(name)}";
                return new BareLoopVariant<(Tensor X, Tensor First, Tensor Second)>(
                    name, description, d.Raw, b => MmoeNaive.Loss(model.forward(b.X), b.First, b.Second), optimizer, collectEvery: 0, model);
            }

            case "gen-step":
            case "gen-step-rt":
            {
                torch.manual_seed(1);
                var model = new MmoeModel();
                var optimizer = VariantOptimizer.Adam(name, model, LearningRate);
                var description = $"generated model (forward + ComputeLoss), same bare loop, {VariantOptimizer.Describe(name)}";
                return new BareLoopVariant<MmoeModel.Batch>(
                    name, description, d.Generated, b => model.ComputeLoss(model.forward(b.Input), b.Targets).Total, optimizer, collectEvery: 0, model);
            }

            case "trainer":
            {
                torch.manual_seed(1);
                var model = new MmoeModel();
                return TrainerVariants.Create(name, "generated trainer: Fit over the same 20 premade batches (metrics, progress every 50 steps)", Batches, d.Generated, model, (epochs, stepProgress, interval) =>
                    model.CreateTrainer(new MmoeModel.TrainingOptions
                    {
                        Epochs = epochs,
                        LearningRate = LearningRate,
                        Progress = new ProgressSink<EpochResult<MmoeModel.Metrics>>(_ => { }),
                        StepProgress = stepProgress,
                        StepProgressInterval = interval,
                    }));
            }

            default:
                throw new ArgumentException($"Unknown mmoe variant '{name}'. Known: {string.Join(", ", VariantNames)}.");
        }
    }

    /// <summary>The synthetic data, made once: the MMoE paper's two regression tasks and the premade batches in both forms.</summary>
    private sealed record Data(IReadOnlyList<(Tensor X, Tensor First, Tensor Second)> Raw, IReadOnlyList<MmoeModel.Batch> Generated)
    {
        public static Data Create()
        {
            var rows = BatchSize * Batches;
            var synthetic = SyntheticTasks.Regression(rows, correlation: 0.5, dimension: 100, seed: 0);
            var raw = new List<(Tensor, Tensor, Tensor)>();
            var generated = new List<MmoeModel.Batch>();
            var features = new float[BatchSize * 100];
            for (var b = 0; b < Batches; b++)
            {
                for (var r = 0; r < BatchSize; r++)
                {
                    for (var j = 0; j < 100; j++)
                    {
                        features[r * 100 + j] = synthetic.Features[b * BatchSize + r, j];
                    }
                }

                var x = torch.tensor(features, [BatchSize, 100]).DetachFromDisposeScope();
                var y1 = torch.tensor(synthetic.Task1.AsSpan(b * BatchSize, BatchSize).ToArray()).DetachFromDisposeScope();
                var y2 = torch.tensor(synthetic.Task2.AsSpan(b * BatchSize, BatchSize).ToArray()).DetachFromDisposeScope();
                raw.Add((x, y1, y2));
                generated.Add(new MmoeModel.Batch(x, new MmoeModel.Targets(y1, y2)));
            }

            return new Data(raw, generated);
        }
    }
}
