using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace MultiTask
{
    /// <summary>
    /// An epoch's inter-task affinity on the shared parameters. <see cref="Lookahead"/>[i, j] is TAG's
    /// <c>Z(i -> j) = 1 - L_j(theta_s - eta grad_s L_i) / L_j(theta_s)</c> on the same batch (eta: the shared group's learning
    /// rate), averaged over the epoch's measurements where both tasks were present: positive when a step on task i's loss
    /// lowers task j's. <see cref="GradientCosine"/>[i, j] is the mean cosine similarity of the two tasks' gradients on the
    /// shared parameters. A pair never measured together (one input per task, all labels masked) is NaN.
    /// </summary>
    /// <param name="Tasks">The task names, the rows' and the columns' order.</param>
    /// <param name="Lookahead">Mean <c>Z(i -> j)</c>: row i is the task stepped on, column j the task whose loss is read.</param>
    /// <param name="GradientCosine">Mean cosine similarity of the task gradients (symmetric).</param>
    /// <param name="Measurements">The epoch's measured steps.</param>
    public sealed record TaskAffinity(IReadOnlyList<string> Tasks, double[,] Lookahead, double[,] GradientCosine, int Measurements)
    {
        /// <summary>The mean of <paramref name="epochs"/>' lookahead matrices, pair by pair over the epochs that measured the pair (a run's affinity).</summary>
        public static TaskAffinity Mean(IReadOnlyList<TaskAffinity> epochs)
        {
            ArgumentNullException.ThrowIfNull(epochs);
            if (epochs.Count == 0)
            {
                throw new ArgumentException("No epoch measured the task affinity (set TrainingOptions.TaskAffinity).", nameof(epochs));
            }

            var tasks = epochs[0].Tasks;
            return new TaskAffinity(tasks, MeanOf(epochs, a => a.Lookahead, tasks.Count), MeanOf(epochs, a => a.GradientCosine, tasks.Count), epochs.Sum(a => a.Measurements));
        }

        /// <summary>Both matrices as aligned text, rows "from" and columns "onto".</summary>
        public override string ToString() => $"lookahead Z(row -> column):\n{Format(Lookahead)}gradient cosine:\n{Format(GradientCosine)}";

        /// <summary><paramref name="matrix"/> as text with the task names as row and column headers, five decimals, "-" for NaN.</summary>
        public string Format(double[,] matrix)
        {
            ArgumentNullException.ThrowIfNull(matrix);
            var width = Math.Max(10, Tasks.Max(t => t.Length) + 1);
            var text = new StringBuilder();
            text.Append(new string(' ', width));
            foreach (var task in Tasks)
            {
                text.Append(task.PadLeft(width));
            }

            text.Append('\n');
            for (var i = 0; i < Tasks.Count; i++)
            {
                text.Append(Tasks[i].PadRight(width));
                for (var j = 0; j < Tasks.Count; j++)
                {
                    var cell = double.IsNaN(matrix[i, j]) ? "-" : matrix[i, j].ToString("F5", CultureInfo.InvariantCulture);
                    text.Append(cell.PadLeft(width));
                }

                text.Append('\n');
            }

            return text.ToString();
        }

        private static double[,] MeanOf(IReadOnlyList<TaskAffinity> epochs, Func<TaskAffinity, double[,]> matrix, int tasks)
        {
            var mean = new double[tasks, tasks];
            for (var i = 0; i < tasks; i++)
            {
                for (var j = 0; j < tasks; j++)
                {
                    var values = epochs.Select(e => matrix(e)[i, j]).Where(v => !double.IsNaN(v)).ToArray();
                    mean[i, j] = values.Length > 0 ? values.Average() : double.NaN;
                }
            }

            return mean;
        }
    }
}
