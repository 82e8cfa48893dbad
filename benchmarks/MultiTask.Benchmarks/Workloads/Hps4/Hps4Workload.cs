using System.Collections.Generic;
using System.Linq;
using MultiTask.Benchmarks.Weighting;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Benchmarks.Hps4;

/// <summary>
/// hps4: issue 10's 4-task hps variant, every loss weighting of <see cref="WeightingMethods"/> on the hps trunk (input 784,
/// 784-512-256 ReLU) with four heads (10 classes, two binary, one regression), batch 256, Adam lr 1e-3, over 20 synthetic
/// batches; a round is one trainer epoch. Issue 10's limit for a gradient method on hps: (K + 1) / 2 + 0.5 = 3 times static.
/// </summary>
internal sealed class Hps4Workload : IWorkload
{
    private const int BatchSize = 256;
    private const int Batches = 20;
    private const int Tasks = 4;

    private Hps4Model.Batch[]? data;

    public string Name => "hps4";

    public string Shape => "input 784; trunk 784-512-256 ReLU; 10-class, 2 binary and 1 regression heads; batch 256; Adam lr 1e-3; float32; one generated model, each loss weighting in turn";

    public int StepsPerRound => Batches;

    public IReadOnlyList<string> VariantNames => WeightingMethods.Names;

    public IReadOnlyList<string> SpeedVariants => VariantNames;

    public IReadOnlyList<string> MemoryVariants => VariantNames;

    public IReadOnlyList<Comparison> Comparisons { get; } = MethodComparisons.AgainstStatic(m => m.PerTaskGradients ? (Tasks + 1) / 2.0 + 0.5 : double.NaN);

    public Variant Create(string name)
    {
        var method = WeightingMethods.Named(name);
        var batches = data ??= MakeData();
        torch.manual_seed(1);
        var model = new Hps4With(method);
        return TrainerVariants.Create(name, $"generated trainer, {method.Attribute}", Batches, batches, (Hps4Model)model, (epochs, stepProgress, interval) =>
            model.CreateTrainer(new Hps4Model.TrainingOptions { Epochs = epochs, StepProgress = stepProgress, StepProgressInterval = interval }));
    }

    /// <summary>Random inputs; the digit is the argmax of a fixed random projection, the other three tasks follow from it and its score.</summary>
    private static Hps4Model.Batch[] MakeData()
    {
        using var scope = NewDisposeScope();
        manual_seed(0);
        var input = randn((long)BatchSize * Batches, 784);
        var scores = input.matmul(randn(784, 10));
        var digits = scores.argmax(1);
        var even = digits.remainder(2).eq(0).to(ScalarType.Float32);
        var large = digits.ge(5).to(ScalarType.Float32);
        var score = scores.amax(1).div(30);
        return
        [
            .. Enumerable.Range(0, Batches).Select(b => new Hps4Model.Batch(
                Slice(input, b),
                new Hps4Model.Targets(Slice(digits, b), Slice(even, b), Slice(large, b), Slice(score, b)))),
        ];
    }

    private static Tensor Slice(Tensor all, int batch) => all.narrow(0, (long)batch * BatchSize, BatchSize).contiguous().DetachFromDisposeScope();
}
