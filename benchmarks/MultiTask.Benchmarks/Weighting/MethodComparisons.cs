using System;
using System.Collections.Generic;
using System.Linq;

namespace MultiTask.Benchmarks.Weighting;

/// <summary>The speed ratios of a workload that runs every method of <see cref="WeightingMethods"/>: each method against static weighting.</summary>
internal static class MethodComparisons
{
    /// <summary>Each method's steps/s over static weighting's, against the cost target <paramref name="targetCost"/> gives it (NaN: none); a cost of c is a ratio of 1/c.</summary>
    public static IReadOnlyList<Comparison> AgainstStatic(Func<WeightingMethod, double> targetCost) =>
    [
        .. WeightingMethods.All.Where(m => m.Name != "static").Select(m => targetCost(m) is var cost && double.IsNaN(cost)
            ? new Comparison(m.Name, "static", $"{m.Attribute} / static", double.NaN)
            : new Comparison(m.Name, "static", $"{m.Attribute} / static (cost <= {cost:0.0#}x)", 1 / cost)),
    ];
}
