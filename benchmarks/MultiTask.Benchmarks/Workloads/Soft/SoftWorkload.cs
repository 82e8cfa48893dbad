using System;
using System.Collections.Generic;
using MultiTask;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Benchmarks.Soft;

/// <summary>
/// soft: input 64; three regression towers 64-128-128-1, soft sharing (L2 to the mean over the towers' hidden layers,
/// lambda 1e-3); MSE; batch 512; Adam lr 1e-3; float32. 20 batches (10,240 rows; targets from three correlated random
/// projections with a sine and noise) made once and cycled; a round is 200 steps (ten trainer epochs of 20 batches).
/// </summary>
internal sealed class SoftWorkload : IWorkload
{
    private const int BatchSize = 512;
    private const int Batches = 20;
    private const double LearningRate = 1e-3;

    private Data? data;

    public string Name => "soft";

    public string Shape => "input 64; three regression towers 64-128-128-1; soft sharing, lambda 1e-3 (L2 to the mean over the hidden layers); MSE; batch 512; Adam lr 1e-3; float32";

    public int StepsPerRound => 10 * Batches;

    public IReadOnlyList<string> VariantNames { get; } = ["hand", "gen-step", "trainer", "hand-rt", "gen-step-rt"];

    public IReadOnlyList<string> SpeedVariants { get; } = ["hand", "gen-step", "trainer", "hand-rt", "gen-step-rt"];

    public IReadOnlyList<string> MemoryVariants { get; } = ["hand", "hand-rt", "gen-step-rt", "trainer"];

    public IReadOnlyList<Comparison> Comparisons { get; } =
    [
        new("gen-step", "hand", "generated step / hand-written step (same bare loop, TorchSharp Adam)", 0.98),
        new("gen-step-rt", "hand-rt", "generated step / hand-written step (same bare loop, runtime Adam)", 0.98),
        new("trainer", "hand", "generated trainer (metrics, progress) / bare hand-written loop (TorchSharp Adam)", 0.95),
        new("trainer", "hand-rt", "generated trainer / bare hand-written loop with the same optimizer (runtime Adam)", 0.95),
        new("hand-rt", "hand", "hand-written loop with the runtime's AdamOptimizer / with TorchSharp's Adam", double.NaN),
    ];

    public Variant Create(string name)
    {
        var d = data ??= Data.Create();
        switch (name)
        {
            case "hand":
            case "hand-rt":
            {
                torch.manual_seed(1);
                var model = new SoftHandWritten();
                var optimizer = VariantOptimizer.Adam(name, model, LearningRate);
                var description = name == "hand"
                    ? "hand-written module and penalty, bare loop, TorchSharp Adam"
                    : "hand-written module and penalty, bare loop, MultiTask.AdamOptimizer";
                return new BareLoopVariant<(Tensor X, Tensor First, Tensor Second, Tensor Third)>(
                    name, description, d.Raw, b => model.Loss(model.forward(b.X), b.First, b.Second, b.Third), optimizer, collectEvery: 0, model);
            }

            case "gen-step":
            case "gen-step-rt":
            {
                torch.manual_seed(1);
                var model = new SoftModel();
                var optimizer = VariantOptimizer.Adam(name, model, LearningRate);
                var description = $"generated model (forward + ComputeLoss with the penalty), same bare loop, {VariantOptimizer.Describe(name)}";
                return new BareLoopVariant<SoftModel.Batch>(
                    name, description, d.Generated, b => model.ComputeLoss(model.forward(b.Input), b.Targets).Total, optimizer, collectEvery: 0, model);
            }

            case "trainer":
            {
                torch.manual_seed(1);
                var model = new SoftModel();
                return TrainerVariants.Create(name, "generated trainer: Fit over the same 20 premade batches (metrics, progress every 50 steps)", Batches, d.Generated, model, (epochs, stepProgress, interval) =>
                    model.CreateTrainer(new SoftModel.TrainingOptions
                    {
                        Epochs = epochs,
                        LearningRate = LearningRate,
                        Progress = new ProgressSink<EpochResult<SoftModel.Metrics>>(_ => { }),
                        StepProgress = stepProgress,
                        StepProgressInterval = interval,
                    }));
            }

            default:
                throw new ArgumentException($"Unknown soft variant '{name}'. Known: {string.Join(", ", VariantNames)}.");
        }
    }

    /// <summary>The synthetic data, made once: three correlated regression targets and the premade batches in both forms.</summary>
    private sealed record Data(IReadOnlyList<(Tensor X, Tensor First, Tensor Second, Tensor Third)> Raw, IReadOnlyList<SoftModel.Batch> Generated)
    {
        public static Data Create()
        {
            torch.manual_seed(0);
            var rows = (long)BatchSize * Batches;
            using var input = torch.randn(rows, 64);
            using var shared = torch.randn(64, 1);
            using var own = torch.randn(64, 3);
            using var projection = own.mul(0.5).add(shared); // [64, 3]: three tasks sharing a common direction
            using var scaled = projection.div(8.0);
            using var linear = input.matmul(scaled);
            using var noise = torch.randn(rows, 3).mul(0.1);
            using var targets = linear.add(linear.sin()).add(noise);
            var raw = new List<(Tensor, Tensor, Tensor, Tensor)>();
            var generated = new List<SoftModel.Batch>();
            for (var b = 0; b < Batches; b++)
            {
                var x = input.narrow(0, (long)b * BatchSize, BatchSize).contiguous().DetachFromDisposeScope();
                using var t = targets.narrow(0, (long)b * BatchSize, BatchSize);
                var y1 = t.select(1, 0).contiguous().DetachFromDisposeScope();
                var y2 = t.select(1, 1).contiguous().DetachFromDisposeScope();
                var y3 = t.select(1, 2).contiguous().DetachFromDisposeScope();
                raw.Add((x, y1, y2, y3));
                generated.Add(new SoftModel.Batch(x, new SoftModel.Targets(y1, y2, y3)));
            }

            return new Data(raw, generated);
        }
    }
}
