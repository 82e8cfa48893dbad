using System;
using System.Collections.Generic;
using System.Linq;
using MultiTask;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask.Benchmarks.Hps;

/// <summary>
/// hps: input 784; trunk 784-512-256 ReLU; a 10-class head and a binary head; batch 256; Adam lr 1e-3; float32.
/// 50 synthetic batches (12,800 rows) made once and cycled; a round is 150 steps (three trainer epochs of 50 batches).
/// </summary>
internal sealed class HpsWorkload : IWorkload
{
    private const int BatchSize = 256;
    private const int Batches = 50;
    private const double LearningRate = 1e-3;

    private Data? data;

    public string Name => "hps";

    public string Shape => "input 784; trunk 784-512-256 ReLU; 10-class head + binary head; batch 256; Adam lr 1e-3; float32";

    public int StepsPerRound => 3 * Batches;

    public IReadOnlyList<string> VariantNames { get; } = ["hand", "gen-step", "trainer", "trainer-from", "hand-gc50", "hand-rt", "gen-step-rt", "trainer-nogc"];

    public IReadOnlyList<string> SpeedVariants { get; } = ["hand", "gen-step", "trainer", "trainer-from", "hand-gc50", "hand-rt", "gen-step-rt", "trainer-nogc"];

    public IReadOnlyList<string> MemoryVariants { get; } = ["hand", "hand-gc50", "hand-rt", "gen-step", "gen-step-rt", "trainer", "trainer-nogc"];

    public IReadOnlyList<Comparison> Comparisons { get; } =
    [
        new("gen-step", "hand", "generated step / hand-written step (same bare loop, TorchSharp Adam)", 0.98),
        new("gen-step-rt", "hand-rt", "generated step / hand-written step (same bare loop, runtime Adam)", 0.98),
        new("trainer", "hand", "generated trainer (metrics, progress) / bare hand-written loop (TorchSharp Adam)", 0.95),
        new("trainer", "hand-rt", "generated trainer / bare hand-written loop with the same optimizer (runtime Adam)", 0.95),
        new("trainer-from", "hand", "generated trainer over Batch.From(shuffle) / bare hand-written loop (TorchSharp Adam)", 0.95),
        new("hand-gc50", "hand", "hand-written loop + GC.Collect every 50 steps / hand-written loop", double.NaN),
        new("hand-rt", "hand", "hand-written loop with the runtime's AdamOptimizer / with TorchSharp's Adam", double.NaN),
        new("trainer", "trainer-nogc", "trainer with its gen-0 collection after each epoch / without", double.NaN),
    ];

    public Variant Create(string name)
    {
        var d = data ??= Data.Create();
        switch (name)
        {
            case "hand":
            case "hand-gc50":
            case "hand-rt":
            {
                torch.manual_seed(1);
                var model = new HpsHandWritten();
                var optimizer = VariantOptimizer.Adam(name, model, LearningRate);
                var description = name switch
                {
                    "hand" => "hand-written module, bare loop, TorchSharp Adam",
                    "hand-gc50" => "hand-written module, bare loop, TorchSharp Adam, GC.Collect every 50 steps",
                    _ => "hand-written module, bare loop, MultiTask.AdamOptimizer",
                };
                return new BareLoopVariant<(Tensor X, Tensor Digit, Tensor Flag)>(
                    name, description, d.Raw, b => HpsHandWritten.Loss(model.forward(b.X), b.Digit, b.Flag), optimizer,
                    collectEvery: name == "hand-gc50" ? 50 : 0, model);
            }

            case "gen-step":
            case "gen-step-rt":
            {
                torch.manual_seed(1);
                var model = new HpsModel();
                var optimizer = VariantOptimizer.Adam(name, model, LearningRate);
                var description = $"generated model (forward + ComputeLoss), same bare loop, {VariantOptimizer.Describe(name)}";
                return new BareLoopVariant<HpsModel.Batch>(
                    name, description, d.Generated, b => model.ComputeLoss(model.forward(b.Input), b.Targets).Total, optimizer, collectEvery: 0, model);
            }

            case "trainer":
            case "trainer-from":
            case "trainer-nogc":
            {
                torch.manual_seed(1);
                var model = new HpsModel();
                IEnumerable<HpsModel.Batch> source = name != "trainer-from"
                    ? d.Generated
                    : HpsModel.Batch.From(d.Input, new HpsModel.Targets(d.DigitLabels, d.FlagLabels), BatchSize, shuffle: true, seed: 3);
                var description = name switch
                {
                    "trainer" => "generated trainer: Fit over the same 50 premade batches (metrics, progress every 50 steps)",
                    "trainer-nogc" => "generated trainer as above with CollectAfterEpoch = false",
                    _ => "generated trainer: Fit over HpsModel.Batch.From(shuffle) (index_select batching, metrics, progress)",
                };
                return TrainerVariants.Create(name, description, Batches, source, model, (epochs, stepProgress, interval) =>
                    model.CreateTrainer(new HpsModel.TrainingOptions
                    {
                        Epochs = epochs,
                        LearningRate = LearningRate,
                        Progress = new ProgressSink<EpochResult<HpsModel.Metrics>>(_ => { }),
                        StepProgress = stepProgress,
                        StepProgressInterval = interval,
                        CollectAfterEpoch = name != "trainer-nogc",
                    }));
            }

            default:
                throw new ArgumentException($"Unknown hps variant '{name}'. Known: {string.Join(", ", VariantNames)}.");
        }
    }

    /// <summary>The synthetic data, made once: the full tensors and the premade batches in both forms.</summary>
    private sealed record Data(
        Tensor Input,
        Tensor DigitLabels,
        Tensor FlagLabels,
        IReadOnlyList<(Tensor X, Tensor Digit, Tensor Flag)> Raw,
        IReadOnlyList<HpsModel.Batch> Generated)
    {
        public static Data Create()
        {
            torch.manual_seed(0);
            var rows = (long)BatchSize * Batches;
            var input = torch.randn(rows, 784).DetachFromDisposeScope();
            using var projection = torch.randn(784, 10);
            using var scores = input.matmul(projection);
            var digits = scores.argmax(1).DetachFromDisposeScope();
            using var remainder = digits.remainder(2);
            using var even = remainder.eq(0);
            var flags = even.to(ScalarType.Float32).DetachFromDisposeScope();
            var raw = new List<(Tensor, Tensor, Tensor)>();
            var generated = new List<HpsModel.Batch>();
            for (var b = 0; b < Batches; b++)
            {
                var x = input.narrow(0, (long)b * BatchSize, BatchSize).contiguous().DetachFromDisposeScope();
                var y1 = digits.narrow(0, (long)b * BatchSize, BatchSize).contiguous().DetachFromDisposeScope();
                var y2 = flags.narrow(0, (long)b * BatchSize, BatchSize).contiguous().DetachFromDisposeScope();
                raw.Add((x, y1, y2));
                generated.Add(new HpsModel.Batch(x, new HpsModel.Targets(y1, y2)));
            }

            return new Data(input, digits, flags, raw, generated);
        }
    }
}
