using System;
using System.Collections.Generic;
using System.Linq;

namespace MultiTask
{
    /// <summary>
    /// Nash-MTL (Navon et al., "Multi-Task Learning as a Bargaining Game", ICML 2022; <see cref="NashMtlAttribute"/>). Every step:
    /// the gradients <c>g_i</c> of the present tasks' losses on the shared parameters and the weights <c>alpha &gt; 0</c> solving
    /// <c>M alpha = 1 / alpha</c> elementwise, <c>M = G G^T</c>, so that each task's gain from the step <c>d = sum_i alpha_i g_i</c> is
    /// <c>g_i . d = 1 / alpha_i</c> (<see cref="BargainingWeights(double[,])"/>; solved in the runtime by Newton's method, no external
    /// solver). The step's size does not depend on the gradients' scale: scaling every <c>g_i</c> by s scales <c>alpha</c> by 1/s.
    /// A task whose gradient is zero gets weight 0 and is left out. When no solution exists (gradients that cancel, so that no
    /// step helps every task) or Newton's method does not converge, the step is the mean gradient (weights <c>1 / K</c>). A task
    /// alone has <c>alpha = 1 / ||g||</c> and steps on its unit gradient.
    /// </summary>
    public sealed class NashMtl : GramWeighting
    {
        /// <summary>The most Newton iterations per step.</summary>
        public const int MaxIterations = 100;

        /// <summary>Newton's method stops when every <c>alpha_i (M alpha)_i</c> is within this of 1.</summary>
        public const double Tolerance = 1e-9;

        private readonly WarmStart warmStart = new();

        /// <summary>Creates the method for <paramref name="tasks"/>.</summary>
        public NashMtl(IReadOnlyList<TaskDefinition> tasks)
            : base(nameof(NashMtl), tasks)
        {
        }

        /// <inheritdoc />
        public override void SaveState(TrainingState state) => warmStart.Save(state);

        /// <inheritdoc />
        public override void LoadState(TrainingState state) => warmStart.Load(state);

        /// <inheritdoc />
        protected override double[] WeightsFromGram(double[,] gram)
        {
            var weights = BargainingWeights(gram, warmStart.For(gram.GetLength(0)));
            warmStart.Keep(weights);
            return weights;
        }

        /// <summary>
        /// The solution <c>alpha &gt; 0</c> of <c>gram alpha = 1 / alpha</c> over the tasks with a non-zero gradient (0 for the others):
        /// Newton's method on <c>F(alpha) = gram alpha - 1 / alpha</c>, whose Jacobian <c>gram + diag(1 / alpha^2)</c> is positive
        /// definite, from <c>alpha_i = 1 / ||g_i||</c> (exact for orthogonal gradients), each step halved until <c>alpha</c> stays
        /// positive and <c>|F|</c> decreases. The uniform weights when it does not converge.
        /// </summary>
        public static double[] BargainingWeights(double[,] gram) => BargainingWeights(gram, null);

        /// <summary>
        /// The weights as <see cref="BargainingWeights(double[,])"/>, Newton's method started from <paramref name="start"/> (the previous
        /// step's weights in training) where its entries for the tasks with a gradient are positive, and again from the cold start
        /// when that does not converge.
        /// </summary>
        public static double[] BargainingWeights(double[,] gram, double[]? start)
        {
            ArgumentNullException.ThrowIfNull(gram);
            var count = gram.GetLength(0);
            var weights = new double[count];
            var active = Enumerable.Range(0, count).Where(i => gram[i, i] > 0 && double.IsFinite(gram[i, i])).ToArray();
            if (active.Length == 0)
            {
                return weights;
            }

            var m = Submatrix(gram, active);

            var warm = start is { } previous && previous.Length == count && active.All(i => previous[i] > 0) ? active.Select(i => previous[i]).ToArray() : null;
            var alpha = (warm is null ? null : Solve(m, warm)) ?? Solve(m, null);
            if (alpha is null)
            {
                return Enumerable.Repeat(1.0 / count, count).ToArray();
            }

            for (var a = 0; a < active.Length; a++)
            {
                weights[active[a]] = alpha[a];
            }

            return weights;
        }

        private static double[]? Solve(double[,] m, double[]? start)
        {
            var n = m.GetLength(0);
            var alpha = start ?? Enumerable.Range(0, n).Select(i => 1 / Math.Sqrt(m[i, i])).ToArray();
            var residual = Residual(m, alpha);
            for (var iteration = 0; iteration < MaxIterations; iteration++)
            {
                if (Converged(m, alpha))
                {
                    return alpha;
                }

                var jacobian = new double[n, n + 1];
                for (var i = 0; i < n; i++)
                {
                    for (var j = 0; j < n; j++)
                    {
                        jacobian[i, j] = m[i, j] + (i == j ? 1 / (alpha[i] * alpha[i]) : 0);
                    }

                    jacobian[i, n] = -residual[i];
                }

                var step = Gauss(jacobian, n);
                if (step is null)
                {
                    return null;
                }

                var size = 1.0;
                var norm = Norm(residual);
                double[] next;
                double[] nextResidual;
                do
                {
                    next = alpha.Select((a, i) => a + (size * step[i])).ToArray();
                    nextResidual = next.All(a => a > 0) ? Residual(m, next) : [];
                    size /= 2;
                }
                while ((nextResidual.Length == 0 || Norm(nextResidual) >= norm) && size > 1e-12);

                if (nextResidual.Length == 0)
                {
                    return null;
                }

                alpha = next;
                residual = nextResidual;
            }

            return Converged(m, alpha) ? alpha : null;
        }

        private static double[] Residual(double[,] m, double[] alpha)
            => Enumerable.Range(0, alpha.Length).Select(i => Enumerable.Range(0, alpha.Length).Sum(j => m[i, j] * alpha[j]) - (1 / alpha[i])).ToArray();

        private static bool Converged(double[,] m, double[] alpha)
            => Enumerable.Range(0, alpha.Length).All(i => Math.Abs((alpha[i] * Enumerable.Range(0, alpha.Length).Sum(j => m[i, j] * alpha[j])) - 1) < Tolerance);

        private static double Norm(double[] values) => Math.Sqrt(values.Sum(v => v * v));

        /// <summary>Gaussian elimination with partial pivoting of the augmented <c>[n, n + 1]</c> system; null when singular.</summary>
        private static double[]? Gauss(double[,] system, int n)
        {
            for (var column = 0; column < n; column++)
            {
                var pivot = Enumerable.Range(column, n - column).MaxBy(row => Math.Abs(system[row, column]));
                if (!(Math.Abs(system[pivot, column]) > 1e-300))
                {
                    return null;
                }

                for (var k = 0; k <= n; k++)
                {
                    (system[column, k], system[pivot, k]) = (system[pivot, k], system[column, k]);
                }

                for (var row = column + 1; row < n; row++)
                {
                    var factor = system[row, column] / system[column, column];
                    for (var k = column; k <= n; k++)
                    {
                        system[row, k] -= factor * system[column, k];
                    }
                }
            }

            var solution = new double[n];
            for (var row = n - 1; row >= 0; row--)
            {
                var sum = system[row, n];
                for (var k = row + 1; k < n; k++)
                {
                    sum -= system[row, k] * solution[k];
                }

                solution[row] = sum / system[row, row];
            }

            return solution;
        }
    }
}
