using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MultiTask.Benchmarks.ParetoToy;
using MultiTask.Benchmarks.Weighting;
using MultiTask.Plotting;

namespace MultiTask.Benchmarks.Reports;

/// <summary>
/// pareto-toy: every loss weighting of <see cref="WeightingMethods"/> that applies to a bare shared parameter, trained from the
/// CAGrad paper's five starting points on <see cref="ConflictingObjectives"/>; prints where each run ends and how far that is
/// from Pareto-stationary, and plots the trajectories (one panel per method) to a PNG.
/// </summary>
internal static class ParetoToyReport
{
    public const string Name = "pareto-toy";

    public const int Steps = 8_000;
    public const double LearningRate = 0.003;

    /// <summary>The starting points of the CAGrad paper's toy.</summary>
    public static readonly (double X1, double X2)[] Starts = [(-8.5, 7.5), (-8.5, -5), (9, 9), (-7.5, -0.5), (9, -1)];

    public static int Run(IReadOnlyList<string>? methodNames, string path)
    {
        var methods = (methodNames ?? WeightingMethods.Names).Select(WeightingMethods.Named).ToArray();
        Console.WriteLine($"Adam, learning rate {LearningRate}, {Steps:N0} steps from each start; stationarity = the norm of the min-norm convex combination of the two gradients at the end (0 at a Pareto-stationary point).");
        Console.WriteLine();
        Console.WriteLine($"| method | {string.Join(" | ", Starts.Select(s => string.Create(CultureInfo.InvariantCulture, $"from ({s.X1:0.#}, {s.X2:0.#})")))} |");
        Console.WriteLine($"| --- |{string.Concat(Enumerable.Repeat(" --- |", Starts.Length))}");
        var panels = new List<TrajectoryPanel>();
        var paretoSet = ConflictingObjectives.ParetoSet();
        foreach (var method in methods)
        {
            var paths = new List<IReadOnlyList<(double X1, double X2)>>();
            try
            {
                foreach (var start in Starts)
                {
                    using var weighting = method.Create(ConflictingObjectives.Tasks);
                    paths.Add(ConflictingObjectives.Trajectory(weighting, start, Steps, LearningRate, every: 50));
                }
            }
            catch (InvalidOperationException error)
            {
                Console.Error.WriteLine($"[pareto-toy] {method.Name} left out: {error.Message}");
                continue;
            }

            var cells = paths.Select(p => p[^1]).Select(end => string.Create(CultureInfo.InvariantCulture, $"({end.X1:F2}, {end.X2:F2}): {ConflictingObjectives.Stationarity(end):F3}"));
            Console.WriteLine($"| `{method.Attribute}` | {string.Join(" | ", cells)} |");
            panels.Add(new TrajectoryPanel(method.Attribute, paths));
            // Drawn again after every method, so that a long run leaves a plot of what it has done.
            var written = TrajectoryPlots.Panels(panels, paretoSet, path, (-10, 10), (-10, 10));
            Console.Error.WriteLine($"[pareto-toy] {method.Name} done; plot {written}");
        }

        return 0;
    }
}
