using System;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask.Tests
{
    /// <summary>Hand-made task gradients for the gradient methods' tests, and the arithmetic to check them in doubles.</summary>
    internal static class GradientCases
    {
        public static readonly TaskDefinition[] ThreeTasks = [new RegressionTask("A"), new RegressionTask("B"), new RegressionTask("C")];

        public static double Dot(double[] u, double[] v) => u.Zip(v, (x, y) => x * y).Sum();

        /// <summary>The Gram matrix <c>rows[i] . rows[j]</c>.</summary>
        public static double[,] Gram(double[][] rows)
        {
            var gram = new double[rows.Length, rows.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                for (var j = 0; j < rows.Length; j++)
                {
                    gram[i, j] = Dot(rows[i], rows[j]);
                }
            }

            return gram;
        }

        /// <summary>
        /// Shared <c>theta</c> (the first <c>g[0].Length</c> of 0.5, -2, 1) and a head parameter per task;
        /// <c>L_i = g_i . theta + h_i^2 + 10</c>, so the task gradients on theta are the rows of <paramref name="g"/>; an absent
        /// task's loss is a zero placeholder.
        /// </summary>
        public static (TaskStep Step, Parameter Theta, Parameter[] Heads) LinearStep(double[][] g, bool[] present)
        {
            var theta = new Parameter(torch.tensor(new[] { 0.5f, -2f, 1f }[..g[0].Length]));
            var heads = g.Select(_ => new Parameter(torch.tensor(1.5f))).ToArray();
            var losses = g.Select((row, i) => present[i]
                ? theta.mul(torch.tensor(row.Select(v => (float)v).ToArray())).sum().add(heads[i].square()).add(10)
                : torch.zeros(Array.Empty<long>())).ToArray();
            var outputs = present.Select(p => p ? torch.zeros(1) : null).ToArray();
            return (new TaskStep(LossSum.Of(losses), losses, outputs, new TaskTarget?[g.Length]), theta, heads);
        }
    }
}
