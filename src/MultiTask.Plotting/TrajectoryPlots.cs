using System;
using System.Collections.Generic;
using System.Linq;
using ScottPlot;

namespace MultiTask.Plotting
{
    /// <summary>One panel of <see cref="TrajectoryPlots.Panels"/>: its title and the paths of the runs it shows, each from its start to its end.</summary>
    public sealed record TrajectoryPanel(string Title, IReadOnlyList<IReadOnlyList<(double X, double Y)>> Paths);

    /// <summary>PNG plots of optimization trajectories in a plane (a 2-D toy problem's parameter), one panel per method.</summary>
    public static class TrajectoryPlots
    {
        /// <summary>
        /// The panels in a grid of <paramref name="columns"/> columns, each with the same limits: <paramref name="reference"/> as
        /// small grey dots (a Pareto set), every path as a line in its own colour from a hollow circle (its start) to a filled
        /// one (its end). Writes <paramref name="path"/> and returns its full path.
        /// </summary>
        public static string Panels(
            IReadOnlyList<TrajectoryPanel> panels,
            IReadOnlyList<(double X, double Y)> reference,
            string path,
            (double Min, double Max) xLimits,
            (double Min, double Max) yLimits,
            int columns = 4,
            int panelSize = 360,
            string referenceLabel = "Pareto set")
        {
            ArgumentNullException.ThrowIfNull(panels);
            ArgumentNullException.ThrowIfNull(reference);
            if (panels.Count == 0)
            {
                throw new ArgumentException("There are no trajectories to plot.", nameof(panels));
            }

            var plots = panels.Select(panel => Panel(panel, reference, xLimits, yLimits, referenceLabel)).ToArray();
            return PngFigure.Grid(plots, columns, panelSize, panelSize, path);
        }

        private static Plot Panel(TrajectoryPanel panel, IReadOnlyList<(double X, double Y)> reference, (double Min, double Max) xLimits, (double Min, double Max) yLimits, string referenceLabel)
        {
            var plot = new Plot();
            plot.Title(panel.Title);
            plot.XLabel("x1");
            plot.YLabel("x2");
            if (reference.Count > 0)
            {
                var set = plot.Add.ScatterPoints(reference.Select(p => p.X).ToArray(), reference.Select(p => p.Y).ToArray(), Colors.Gray);
                set.MarkerSize = 2;
                set.LegendText = referenceLabel;
            }

            var palette = new ScottPlot.Palettes.Category10();
            for (var i = 0; i < panel.Paths.Count; i++)
            {
                var points = panel.Paths[i];
                if (points.Count == 0)
                {
                    continue;
                }

                var color = palette.GetColor(i);
                var line = plot.Add.ScatterLine(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray(), color);
                line.LineWidth = 2;
                plot.Add.Marker(points[0].X, points[0].Y, MarkerShape.OpenCircle, 9, color);
                plot.Add.Marker(points[^1].X, points[^1].Y, MarkerShape.FilledCircle, 9, color);
            }

            plot.Axes.SetLimits(xLimits.Min, xLimits.Max, yLimits.Min, yLimits.Max);
            return plot;
        }
    }
}
