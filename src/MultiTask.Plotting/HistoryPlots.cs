using System;
using System.Collections.Generic;
using System.Linq;
using ScottPlot;

namespace MultiTask.Plotting
{
    /// <summary>
    /// PNG plots of a <see cref="TrainingHistory{TMetrics}"/>, each in one call; every method writes its <c>path</c>
    /// (creating its folder) and returns its full path. The numbers are the history's own (<see cref="EpochScalars"/>); an
    /// epoch without a value (no validation data, a NaN) leaves a gap.
    /// </summary>
    public static class HistoryPlots
    {
        /// <summary>
        /// One panel per task, side by side: its training and validation loss by epoch (left axis) and its first quality metric
        /// (accuracy, AUC, RMSE: the second of <see cref="TaskMetrics.Scalars"/>) on validation, or on training without validation
        /// data (right axis).
        /// </summary>
        /// <param name="history">The history (its epochs carry <see cref="EpochResult{TMetrics}.TrainEvaluation"/>).</param>
        /// <param name="path">The PNG file to write.</param>
        /// <param name="panelWidth">Width of one panel in pixels.</param>
        /// <param name="height">Height of the figure in pixels.</param>
        public static string Curves<TMetrics>(TrainingHistory<TMetrics> history, string path, int panelWidth = 480, int height = 360)
        {
            ArgumentNullException.ThrowIfNull(history);
            var tasks = history.FirstOrDefault()?.TrainEvaluation?.Tasks.Select(t => t.Task).ToArray()
                ?? throw new ArgumentException("The history has no epoch with training metrics to plot.", nameof(history));
            var panels = tasks.Select(task => TaskPanel(history, task)).ToArray();
            return PngFigure.SideBySide(panels, panelWidth, height, path);
        }

        /// <summary>The loss weights the weighting applied (the epoch's mean), one line per task.</summary>
        public static string LossWeights<TMetrics>(TrainingHistory<TMetrics> history, string path, int width = 640, int height = 400)
        {
            ArgumentNullException.ThrowIfNull(history);
            var plot = Lines(history, e => e.LossWeights, "Applied loss weights", "weight");
            return PngFigure.Single(plot, width, height, path);
        }

        /// <summary>Every optimizer parameter group's learning rate at each epoch's last step, one line per group.</summary>
        public static string LearningRates<TMetrics>(TrainingHistory<TMetrics> history, string path, int width = 640, int height = 400)
        {
            ArgumentNullException.ThrowIfNull(history);
            var plot = Lines(history, e => e.LearningRates, "Learning rates", "learning rate");
            return PngFigure.Single(plot, width, height, path);
        }

        private static Plot TaskPanel<TMetrics>(TrainingHistory<TMetrics> history, string task)
        {
            var plot = new Plot();
            plot.Title(task);
            EpochAxis(plot);
            plot.YLabel("loss");
            var epochs = history.Select(e => (double)e.Epoch).ToArray();
            Series(plot, epochs, history.Select(e => Metric(e.TrainEvaluation, task, 0)), "train loss", LinePattern.Solid);
            var hasValidation = history.Any(e => e.ValidationEvaluation is not null);
            if (hasValidation)
            {
                Series(plot, epochs, history.Select(e => Metric(e.ValidationEvaluation, task, 0)), "validation loss", LinePattern.Solid);
            }

            var source = hasValidation ? "validation" : "train";
            var metricName = history.Select(e => (hasValidation ? e.ValidationEvaluation : e.TrainEvaluation)?.Tasks.FirstOrDefault(t => t.Task == task))
                .FirstOrDefault(t => t is not null)?.Scalars().Skip(1).Select(kv => kv.Key).FirstOrDefault();
            if (metricName is not null)
            {
                var values = history.Select(e => Metric(hasValidation ? e.ValidationEvaluation : e.TrainEvaluation, task, 1));
                var metric = Series(plot, epochs, values, $"{source} {metricName}", LinePattern.Dashed);
                metric.Axes.YAxis = plot.Axes.Right;
                plot.Axes.Right.Label.Text = metricName;
            }

            plot.ShowLegend(Edge.Bottom);
            return plot;
        }

        private static Plot Lines<TMetrics>(TrainingHistory<TMetrics> history, Func<EpochResult<TMetrics>, IReadOnlyDictionary<string, double>> values, string title, string label)
        {
            var plot = new Plot();
            plot.Title(title);
            EpochAxis(plot);
            plot.YLabel(label);
            var epochs = history.Select(e => (double)e.Epoch).ToArray();
            var names = history.SelectMany(e => values(e).Keys).Distinct().ToArray();
            if (names.Length == 0)
            {
                throw new ArgumentException($"The history has no values to plot for \"{title}\".", nameof(history));
            }

            foreach (var name in names)
            {
                Series(plot, epochs, history.Select(e => values(e).TryGetValue(name, out var v) ? v : double.NaN), name, LinePattern.Solid);
            }

            plot.ShowLegend(Edge.Bottom);
            return plot;
        }

        private static void EpochAxis(Plot plot)
        {
            plot.XLabel("epoch");
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        }

        /// <summary>The <paramref name="index"/>-th scalar of <paramref name="task"/> in <paramref name="result"/>, NaN when missing.</summary>
        private static double Metric(EvaluationResult? result, string task, int index)
        {
            var scalars = result?.Tasks.FirstOrDefault(t => t.Task == task)?.Scalars();
            return scalars is not null && index < scalars.Count ? scalars[index].Value : double.NaN;
        }

        /// <summary>A line with markers through the finite points (gaps elsewhere).</summary>
        private static ScottPlot.Plottables.Scatter Series(Plot plot, double[] xs, IEnumerable<double> ys, string legend, LinePattern pattern)
        {
            var points = xs.Zip(ys).Where(p => double.IsFinite(p.Second)).ToArray();
            var scatter = plot.Add.Scatter(points.Select(p => p.First).ToArray(), points.Select(p => p.Second).ToArray());
            scatter.LegendText = legend;
            scatter.LinePattern = pattern;
            return scatter;
        }
    }
}
