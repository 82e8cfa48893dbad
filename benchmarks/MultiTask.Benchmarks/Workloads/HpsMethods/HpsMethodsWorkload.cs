using System.Collections.Generic;
using MultiTask.Benchmarks.Weighting;

namespace MultiTask.Benchmarks.HpsMethods;

/// <summary>
/// Issue 10's hps method workloads: every loss weighting of <see cref="WeightingMethods"/> on the hps trunk (input 784,
/// 784-512-256 ReLU) with K heads, batch 256, Adam lr 1e-3, over 20 batches of <see cref="HpsTaskData"/>; a round is one
/// trainer epoch. The limit for a method with per-task gradients: (K + 1) / 2 + 0.5 times static.
/// </summary>
internal abstract class HpsMethodsWorkload : IWorkload
{
    protected const int BatchSize = 256;
    protected const int Batches = 20;

    private HpsTaskBatch[]? data;

    protected HpsMethodsWorkload(int tasks) =>
        Comparisons = MethodComparisons.AgainstStatic(m => m.PerTaskGradients ? (tasks + 1) / 2.0 + 0.5 : double.NaN);

    public abstract string Name { get; }

    public abstract string Shape { get; }

    public int StepsPerRound => Batches;

    public IReadOnlyList<string> VariantNames => WeightingMethods.Names;

    public IReadOnlyList<string> SpeedVariants => VariantNames;

    public IReadOnlyList<string> MemoryVariants => VariantNames;

    public IReadOnlyList<Comparison> Comparisons { get; }

    public Variant Create(string name)
    {
        var method = WeightingMethods.Named(name);
        data ??= HpsTaskData.Make(BatchSize, Batches);
        TorchSharp.torch.manual_seed(1);
        return Create(method, data);
    }

    /// <summary>The generated trainer of this workload's model with <paramref name="method"/>, over <paramref name="batches"/>.</summary>
    protected abstract Variant Create(WeightingMethod method, HpsTaskBatch[] batches);
}
