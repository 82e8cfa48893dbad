using System;
using TorchSharp;

namespace MultiTask.Benchmarks;

/// <summary>The Adam of a variant: the runtime's leak-free one for names ending in <c>-rt</c>, else TorchSharp's own.</summary>
internal static class VariantOptimizer
{
    public static bool UsesRuntimeAdam(string variant) => variant.EndsWith("-rt", StringComparison.Ordinal);

    public static torch.optim.Optimizer Adam(string variant, torch.nn.Module model, double learningRate) =>
        UsesRuntimeAdam(variant)
            ? new AdamOptimizer(model.parameters(), lr: learningRate)
            : torch.optim.Adam(model.parameters(), lr: learningRate);

    /// <summary>How the variant's optimizer is described in the report.</summary>
    public static string Describe(string variant) => UsesRuntimeAdam(variant) ? "MultiTask.AdamOptimizer" : "TorchSharp Adam";
}
