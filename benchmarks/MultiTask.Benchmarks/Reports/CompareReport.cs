using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using MultiTask.Benchmarks.Methods;
using MultiTask.Benchmarks.Weighting;
using static TorchSharp.torch;

namespace MultiTask.Benchmarks.Reports;

/// <summary>
/// compare: every loss weighting of <see cref="WeightingMethods"/> on the MMoE paper's synthetic task pairs at correlations
/// 0.5 and 0, trained on mtl-small for 30 epochs; prints each task's test MSE over seeds 0, 2 and 3 as a markdown table.
/// </summary>
internal static class CompareReport
{
    public const string Name = "compare";

    private const int TrainRows = 10_000, TestRows = 2_000, Epochs = 30, BatchSize = 128;
    private static readonly double[] Correlations = [0.5, 0.0];
    private static readonly int[] Seeds = [0, 2, 3];

    public static int Run(IReadOnlyList<string>? methodNames)
    {
        var methods = (methodNames ?? WeightingMethods.Names).Select(WeightingMethods.Named).ToArray();
        Console.WriteLine($"Test MSE per task (mean ± sample standard deviation over seeds {string.Join(", ", Seeds)}); mtl-small (input 100, trunk 113 ReLU, towers 8-1), "
            + $"{TrainRows:N0} training and {TestRows:N0} test rows, {Epochs} epochs, batch {BatchSize}, Adam lr 1e-3, shuffled batches; seed s draws the data, the initial weights and the batch order.");
        Console.WriteLine();
        var header = string.Join(" | ", Correlations.SelectMany(c => new[] { $"task A, p = {c:0.0}", $"task B, p = {c:0.0}" }));
        Console.WriteLine($"| method | {header} |");
        Console.WriteLine($"| --- |{string.Concat(Enumerable.Repeat(" ---: |", 2 * Correlations.Length))}");
        foreach (var method in methods)
        {
            var cells = new List<string>();
            foreach (var correlation in Correlations)
            {
                var runs = Seeds.Select(seed => TestLosses(method, correlation, seed)).ToArray();
                cells.Add(MeanAndSpread(runs.Select(r => r.A)));
                cells.Add(MeanAndSpread(runs.Select(r => r.B)));
            }

            Console.WriteLine($"| `{method.Attribute}` | {string.Join(" | ", cells)} |");
        }

        return 0;
    }

    /// <summary>Task A's and task B's test MSE after training mtl-small with <paramref name="method"/> on the pair of correlation <paramref name="correlation"/>.</summary>
    private static (double A, double B) TestLosses(WeightingMethod method, double correlation, int seed)
    {
        using var scope = NewDisposeScope();
        var clock = Stopwatch.StartNew();
        var data = SyntheticTasks.Regression(TrainRows + TestRows, correlation, dimension: 100, seed: seed);
        var x = tensor(data.Features);
        var (a, b) = (tensor(data.Task1), tensor(data.Task2));
        manual_seed(seed);
        using var model = new MtlSmallWith(method);
        using var trainer = model.CreateTrainer(new MtlSmallModel.TrainingOptions { Epochs = Epochs, Seed = seed });
        trainer.Fit(MtlSmallModel.Batch.From(x[..TrainRows], new MtlSmallModel.Targets(a[..TrainRows], b[..TrainRows]), BatchSize, shuffle: true, seed: seed));
        var test = trainer.Evaluate(MtlSmallModel.Batch.From(x[TrainRows..], new MtlSmallModel.Targets(a[TrainRows..], b[TrainRows..]), TestRows));
        Console.Error.WriteLine(FormattableString.Invariant($"[compare] {method.Name}, p = {correlation:0.0}, seed {seed}: A {test.A.Loss:F4}, B {test.B.Loss:F4} ({clock.Elapsed.TotalSeconds:F0} s)"));
        return (test.A.Loss, test.B.Loss);
    }

    private static string MeanAndSpread(IEnumerable<double> values)
    {
        var v = values.ToArray();
        var mean = v.Average();
        var sd = Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
        return string.Create(CultureInfo.InvariantCulture, $"{mean:F3} ± {sd:F3}");
    }
}
