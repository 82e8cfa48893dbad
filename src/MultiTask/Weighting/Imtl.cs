using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// Impartial multi-task learning, its gradient part IMTL-G (Liu et al., "Towards Impartial Multi-task Learning", ICLR 2021;
    /// <see cref="ImtlAttribute"/>). Every step: the gradients <c>g_i</c> of the K present tasks' losses on the shared parameters,
    /// their unit vectors <c>u_i = g_i / ||g_i||</c>, and the weights <c>alpha</c> summing to 1 for which <c>g = sum_i alpha_i g_i</c>
    /// has the same projection <c>g . u_i</c> on every <c>u_i</c>: the closed form <c>alpha_{2..K} = g_1 U^T (D U^T)^-1</c> with
    /// <c>D</c> the rows <c>g_1 - g_i</c> and <c>U</c> the rows <c>u_1 - u_i</c>, <c>alpha_1 = 1 - sum_{i &gt;= 2} alpha_i</c>
    /// (<see cref="ImpartialWeights"/>). The shared gradient is <c>g</c>. The heads get the gradients of their own losses, the
    /// auxiliary terms their declared weights everywhere. The weights reported are the <c>alpha_i</c> (they sum to 1 and may be
    /// negative); an absent task has 0. A task alone in a step has <c>alpha = 1</c> and steps on its own gradient; a singular
    /// system (two task gradients pointing the same way, a zero gradient) falls back to the uniform weights <c>1 / K</c>.
    /// </summary>
    public sealed class Imtl : GramWeighting
    {
        /// <summary>A pivot of the elimination smaller than this, relative to the system's largest entry, makes it singular.</summary>
        public const double SingularTolerance = 1e-10;

        private const double Epsilon = 1e-12;

        /// <summary>Creates the method for <paramref name="tasks"/>.</summary>
        public Imtl(IReadOnlyList<TaskDefinition> tasks)
            : base(nameof(Imtl), tasks)
        {
        }

        /// <inheritdoc />
        protected override double[] WeightsFromGram(double[,] gram) => ImpartialWeights(gram);

        /// <summary>
        /// The IMTL-G weights <c>alpha</c> (summing to 1) from the Gram matrix <paramref name="gram"/> (<c>g_i . g_j</c>): the solution
        /// of <c>alpha_{2..K} (D U^T) = g_1 U^T</c>, written with <c>u_i . g_j = gram[i, j] / ||g_i||</c>, by Gaussian elimination with
        /// partial pivoting; 1 for one task; the uniform weights when the system is singular (a pivot below
        /// <see cref="SingularTolerance"/> times its largest entry).
        /// </summary>
        public static double[] ImpartialWeights(double[,] gram)
        {
            ArgumentNullException.ThrowIfNull(gram);
            var count = gram.GetLength(0);
            if (count <= 1)
            {
                return count == 0 ? [] : [1.0];
            }

            var norms = Enumerable.Range(0, count).Select(i => Math.Max(Math.Sqrt(Math.Max(gram[i, i], 0)), Epsilon)).ToArray();
            // (g_a . u_b) = gram[a, b] / ||g_b||.
            double Projection(int a, int b) => gram[a, b] / norms[b];

            // The system alpha^T A = r over the tasks 2..K: A[a, b] = (g_1 - g_a) . (u_1 - u_b), r[b] = g_1 . (u_1 - u_b); solved as A^T alpha = r.
            var size = count - 1;
            var matrix = new double[size, size + 1];
            for (var b = 0; b < size; b++)
            {
                for (var a = 0; a < size; a++)
                {
                    matrix[b, a] = Projection(0, 0) - Projection(0, b + 1) - Projection(a + 1, 0) + Projection(a + 1, b + 1);
                }

                matrix[b, size] = Projection(0, 0) - Projection(0, b + 1);
            }

            var rest = Solve(matrix, size);
            if (rest is null || rest.Any(a => !double.IsFinite(a)))
            {
                return Enumerable.Repeat(1.0 / count, count).ToArray();
            }

            return [1 - rest.Sum(), .. rest];
        }

        /// <summary>The solution of the augmented system <paramref name="matrix"/> <c>[n, n + 1]</c>, or null when it is singular.</summary>
        private static double[]? Solve(double[,] matrix, int size)
        {
            var largest = 0.0;
            foreach (var value in matrix)
            {
                largest = Math.Max(largest, Math.Abs(value));
            }

            for (var column = 0; column < size; column++)
            {
                var pivot = Enumerable.Range(column, size - column).MaxBy(row => Math.Abs(matrix[row, column]));
                if (!(Math.Abs(matrix[pivot, column]) > SingularTolerance * largest))
                {
                    return null;
                }

                for (var k = 0; k <= size; k++)
                {
                    (matrix[column, k], matrix[pivot, k]) = (matrix[pivot, k], matrix[column, k]);
                }

                for (var row = column + 1; row < size; row++)
                {
                    var factor = matrix[row, column] / matrix[column, column];
                    for (var k = column; k <= size; k++)
                    {
                        matrix[row, k] -= factor * matrix[column, k];
                    }
                }
            }

            var solution = new double[size];
            for (var row = size - 1; row >= 0; row--)
            {
                var total = matrix[row, size];
                for (var k = row + 1; k < size; k++)
                {
                    total -= matrix[row, k] * solution[k];
                }

                solution[row] = total / matrix[row, row];
            }

            return solution;
        }
    }
}
