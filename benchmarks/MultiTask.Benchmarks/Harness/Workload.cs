using System.Collections.Generic;

namespace MultiTask.Benchmarks;

/// <summary>A ratio the benchmark reports: candidate steps/s over baseline steps/s, with its target.</summary>
internal sealed record Comparison(string Candidate, string Baseline, string Meaning, double Target);

/// <summary>
/// A fixed network written twice, once declared with the DSL and once by hand as idiomatic TorchSharp, with the same
/// shapes, data and optimizer settings. A new workload is one more implementation of this interface
/// registered in <see cref="Workloads"/>.
/// </summary>
internal interface IWorkload
{
    string Name { get; }

    /// <summary>The network, batch size and loss in one line.</summary>
    string Shape { get; }

    /// <summary>Steps per timed round (whole epochs of the trainer variants).</summary>
    int StepsPerRound { get; }

    /// <summary>Every variant's name, in the order they run in a round.</summary>
    IReadOnlyList<string> VariantNames { get; }

    /// <summary>The variants timed in speed mode (a subset of <see cref="VariantNames"/>).</summary>
    IReadOnlyList<string> SpeedVariants { get; }

    /// <summary>The variants whose memory is measured (each in its own process).</summary>
    IReadOnlyList<string> MemoryVariants { get; }

    IReadOnlyList<Comparison> Comparisons { get; }

    /// <summary>Builds a variant (model, optimizer and the shared synthetic data).</summary>
    Variant Create(string name);
}

internal static class Workloads
{
    /// <summary>Every workload, in the order they run when none is named.</summary>
    public static IReadOnlyList<IWorkload> All { get; } = [new Hps.HpsWorkload(), new Mmoe.MmoeWorkload(), new Soft.SoftWorkload(), new Tag.TagWorkload(), new Methods.MethodsWorkload(), new HpsMethods.Hps2Workload(), new HpsMethods.Hps4Workload(), new Embeddings.EmbeddingsWorkload()];
}
