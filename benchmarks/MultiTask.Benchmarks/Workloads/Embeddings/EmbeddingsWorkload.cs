using System;
using System.Collections.Generic;
using System.Linq;
using MultiTask;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Benchmarks.Embeddings;

/// <summary>
/// embeddings: 8 categorical fields of 100,000 ids, width 16 (128 features); MMoE, 8 experts of one 64-unit ReLU layer, a
/// softmax gate per task; two binary towers 64-32-1; BCE; batch 2048; Adam lr 1e-3; float32. 10 batches (20,480 rows:
/// uniform ids, click and conversion drawn from per-id hidden biases) made once and cycled; a round is 50 steps (five
/// trainer epochs). Adam updates every table row each step (the embedding gradient is dense), which is most of a step.
/// </summary>
internal sealed class EmbeddingsWorkload : IWorkload
{
    public const int Fields = 8;
    public const int Ids = 100_000;
    public const int Width = 16;
    private const int BatchSize = 2048;
    private const int Batches = 10;
    private const double LearningRate = 1e-3;

    private Data? data;

    public string Name => "embeddings";

    public string Shape => "8 categorical fields of 100,000 ids, width 16; MMoE, 8 experts of one 64-unit ReLU layer, a softmax gate per task; two binary towers 64-32-1; BCE; batch 2048; Adam lr 1e-3; float32";

    public int StepsPerRound => 5 * Batches;

    public IReadOnlyList<string> VariantNames { get; } = ["hand", "gen-step", "trainer", "hand-rt", "gen-step-rt", "trainer-nogc"];

    public IReadOnlyList<string> SpeedVariants { get; } = ["hand", "gen-step", "trainer", "hand-rt", "gen-step-rt"];

    public IReadOnlyList<string> MemoryVariants { get; } = ["hand-rt", "gen-step-rt", "trainer"];

    public IReadOnlyList<Comparison> Comparisons { get; } =
    [
        new("gen-step", "hand", "generated step / hand-written step (same bare loop, TorchSharp Adam)", 0.98),
        new("gen-step-rt", "hand-rt", "generated step / hand-written step (same bare loop, runtime Adam)", 0.98),
        new("trainer", "hand-rt", "generated trainer (metrics, progress) / bare hand-written loop, same optimizer", 0.95),
        new("trainer", "hand", "generated trainer / bare hand-written loop (TorchSharp Adam)", 0.95),
        new("hand-rt", "hand", "hand-written loop with the runtime's AdamOptimizer / with TorchSharp's Adam", double.NaN),
        new("trainer", "trainer-nogc", "trainer with its gen-0 collection after each epoch / without", double.NaN),
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
                var model = new EmbeddingsHandWritten();
                var optimizer = VariantOptimizer.Adam(name, model, LearningRate);
                return new BareLoopVariant<(Tensor[] Ids, Tensor Click, Tensor Conversion)>(
                    name, $"hand-written module, bare loop, {VariantOptimizer.Describe(name)}", d.Raw,
                    b => EmbeddingsHandWritten.Loss(model.forward(b.Ids), b.Click, b.Conversion), optimizer, collectEvery: 0, model);
            }

            case "gen-step":
            case "gen-step-rt":
            {
                torch.manual_seed(1);
                var model = new EmbeddingsModel();
                var optimizer = VariantOptimizer.Adam(name, model, LearningRate);
                var description = $"generated model (forward + ComputeLoss), same bare loop, {VariantOptimizer.Describe(name)}";
                return new BareLoopVariant<EmbeddingsModel.Batch>(
                    name, description, d.Generated, b => model.ComputeLoss(model.forward(b.Input), b.Targets).Total, optimizer, collectEvery: 0, model);
            }

            case "trainer":
            case "trainer-nogc":
            {
                torch.manual_seed(1);
                var model = new EmbeddingsModel();
                var description = name == "trainer"
                    ? "generated trainer: Fit over the same 10 premade batches (metrics, progress every 50 steps)"
                    : "generated trainer as above with CollectAfterEpoch = false";
                return TrainerVariants.Create(name, description, Batches, d.Generated, model, (epochs, stepProgress, interval) =>
                    model.CreateTrainer(new EmbeddingsModel.TrainingOptions
                    {
                        Epochs = epochs,
                        LearningRate = LearningRate,
                        Progress = new ProgressSink<EpochResult<EmbeddingsModel.Metrics>>(_ => { }),
                        StepProgress = stepProgress,
                        StepProgressInterval = interval,
                        CollectAfterEpoch = name != "trainer-nogc",
                    }));
            }

            default:
                throw new ArgumentException($"Unknown embeddings variant '{name}'. Known: {string.Join(", ", VariantNames)}.");
        }
    }

    /// <summary>The synthetic data, made once: uniform ids and labels drawn from hidden per-id biases, in both batch forms.</summary>
    private sealed record Data(IReadOnlyList<(Tensor[] Ids, Tensor Click, Tensor Conversion)> Raw, IReadOnlyList<EmbeddingsModel.Batch> Generated)
    {
        public static Data Create()
        {
            using var scope = torch.NewDisposeScope();
            var generator = new torch.Generator(0);
            var clickBias = torch.randn([Fields, Ids], generator: generator).mul_(0.5);
            var conversionBias = torch.randn([Fields, Ids], generator: generator).mul_(0.5);
            var raw = new List<(Tensor[], Tensor, Tensor)>();
            var generated = new List<EmbeddingsModel.Batch>();
            for (var b = 0; b < Batches; b++)
            {
                var ids = Enumerable.Range(0, Fields).Select(_ => torch.randint(Ids, [BatchSize], generator: generator)).ToArray();
                Tensor Label(Tensor bias) => torch.bernoulli(torch.sigmoid(
                    Enumerable.Range(0, Fields).Select(f => bias[f].index_select(0, ids[f])).Aggregate((x, y) => x + y) - 1), generator);
                var (click, conversion) = (Label(clickBias), Label(conversionBias));
                foreach (var tensor in ids.Append(click).Append(conversion))
                {
                    tensor.DetachFromDisposeScope();
                }

                raw.Add((ids, click, conversion));
                generated.Add(new EmbeddingsModel.Batch(
                    new EmbeddingsModel.Features(ids[0], ids[1], ids[2], ids[3], ids[4], ids[5], ids[6], ids[7]),
                    new EmbeddingsModel.Targets(click, conversion)));
            }

            return new Data(raw, generated);
        }
    }
}
