using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ScottPlot;

namespace MultiTask.Plotting
{
    /// <summary>A labelled square matrix as a PNG heatmap with the value in every cell (task affinities, gradient cosines).</summary>
    public static class Heatmaps
    {
        /// <summary>
        /// Writes <paramref name="values"/> (<c>values[row, column]</c>, rows and columns both in <paramref name="labels"/>'s order)
        /// to <paramref name="path"/> and returns its full path; a NaN cell is drawn empty. <paramref name="rowTitle"/> and
        /// <paramref name="columnTitle"/> say what the rows and columns are (for TAG's affinity: "from task", "onto task").
        /// </summary>
        public static string Matrix(double[,] values, IReadOnlyList<string> labels, string title, string path, int width = 640, int height = 560, string? rowTitle = null, string? columnTitle = null)
        {
            ArgumentNullException.ThrowIfNull(values);
            ArgumentNullException.ThrowIfNull(labels);
            var rows = values.GetLength(0);
            var columns = values.GetLength(1);
            if (rows != labels.Count || columns != labels.Count)
            {
                throw new ArgumentException($"A {rows} x {columns} matrix needs {Math.Max(rows, columns)} labels in a square; got {labels.Count} labels.", nameof(labels));
            }

            var plot = new Plot();
            plot.Title(title);
            var heatmap = plot.Add.Heatmap(values);
            heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
            heatmap.Extent = new CoordinateRect(0, columns, 0, rows);
            plot.Add.ColorBar(heatmap);
            var finite = values.Cast<double>().Where(double.IsFinite).ToArray();
            var middle = finite.Length > 0 ? (finite.Min() + finite.Max()) / 2 : 0;
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < columns; c++)
                {
                    if (!double.IsFinite(values[r, c]))
                    {
                        continue;
                    }

                    // Row 0 is drawn at the top, as the matrix is written.
                    var text = plot.Add.Text(values[r, c].ToString("G3", CultureInfo.InvariantCulture), c + 0.5, rows - r - 0.5);
                    text.Alignment = Alignment.MiddleCenter;
                    text.LabelFontColor = values[r, c] > middle ? Colors.Black : Colors.White;
                }
            }

            var ticks = Enumerable.Range(0, labels.Count).Select(i => i + 0.5).ToArray();
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks, labels.ToArray());
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks, labels.Reverse().ToArray());
            plot.Axes.SetLimits(0, columns, 0, rows);
            if (rowTitle is not null)
            {
                plot.YLabel(rowTitle);
            }

            if (columnTitle is not null)
            {
                plot.XLabel(columnTitle);
            }

            return PngFigure.Single(plot, width, height, path);
        }
    }
}
