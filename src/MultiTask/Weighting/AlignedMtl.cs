using System;
using System.Collections.Generic;
using System.Linq;

namespace MultiTask
{
    /// <summary>
    /// Aligned-MTL (Senushkin et al., "Independent Component Alignment for Multi-Task Learning", CVPR 2023;
    /// <see cref="AlignedMtlAttribute"/>). Every step: the gradients <c>g_i</c> of the K present tasks' losses on the shared
    /// parameters, the rows of <c>G</c>; the Gram matrix <c>M = G G^T = V Lambda V^T</c>; the balance transformation
    /// <c>B = sqrt(lambda_min) V Lambda^-1/2 V^T</c> over the eigenvalues above a tolerance (<see cref="Balance"/>), which makes the
    /// aligned task components, the rows of <c>B G</c>, orthogonal with equal norms <c>sqrt(lambda_min)</c>; the shared gradient is
    /// their sum, <c>sum_i w_i g_i</c> with <c>w = B</c> summed over its rows (the authors' code). The heads get the gradients of their
    /// own losses, the auxiliary terms their declared weights everywhere. The weights reported are the <c>w_i</c>; an absent task has
    /// 0. A task alone in a step has <c>B = 1</c> and steps on its own gradient.
    /// </summary>
    public sealed class AlignedMtl : GramWeighting
    {
        /// <summary>
        /// Eigenvalues at most this times <c>K</c> times the largest one are dropped as zero: the single-precision machine epsilon
        /// of the authors' code (<c>max(lambda) * K * eps</c>), since the gradients are computed in single precision.
        /// </summary>
        public const double RankTolerance = 1.1920928955078125e-07;

        /// <summary>Creates the method for <paramref name="tasks"/>.</summary>
        public AlignedMtl(IReadOnlyList<TaskDefinition> tasks)
            : base(nameof(AlignedMtl), tasks)
        {
        }

        /// <inheritdoc />
        protected override double[] WeightsFromGram(double[,] gram) => AlignedWeights(gram);

        /// <summary>The weights <c>w_j = sum_i B[i, j]</c> of the task gradients in the shared step, from their Gram matrix <paramref name="gram"/>.</summary>
        public static double[] AlignedWeights(double[,] gram)
        {
            ArgumentNullException.ThrowIfNull(gram);
            var balance = Balance(gram);
            var count = gram.GetLength(0);
            return Enumerable.Range(0, count).Select(j => Enumerable.Range(0, count).Sum(i => balance[i, j])).ToArray();
        }

        /// <summary>
        /// The balance transformation <c>B = sqrt(lambda_min) V Lambda^-1/2 V^T</c> of the Gram matrix <paramref name="gram"/>
        /// (<c>g_i . g_j</c>), symmetric <c>K x K</c>, over the eigenvalues above <see cref="RankTolerance"/> <c>K lambda_max</c>
        /// (<c>lambda_min</c> the smallest of those kept); all zeros when every gradient is zero.
        /// </summary>
        public static double[,] Balance(double[,] gram)
        {
            ArgumentNullException.ThrowIfNull(gram);
            var count = gram.GetLength(0);
            var balance = new double[count, count];
            if (count == 0)
            {
                return balance;
            }

            var symmetric = new double[count, count];
            for (var i = 0; i < count; i++)
            {
                for (var j = 0; j < count; j++)
                {
                    // Symmetrized: the two triangles of a single-precision product can differ in the last bits.
                    symmetric[i, j] = (gram[i, j] + gram[j, i]) / 2;
                }
            }

            var (lambdas, basis) = SymmetricEigen.Decompose(symmetric);
            var largest = lambdas.Max();
            if (!(largest > 0))
            {
                return balance;
            }

            var kept = Enumerable.Range(0, count).Where(k => lambdas[k] > RankTolerance * count * largest).ToArray();
            var smallest = kept.Min(k => lambdas[k]);
            for (var i = 0; i < count; i++)
            {
                for (var j = 0; j < count; j++)
                {
                    balance[i, j] = Math.Sqrt(smallest) * kept.Sum(k => basis[i, k] * basis[j, k] / Math.Sqrt(lambdas[k]));
                }
            }

            return balance;
        }
    }
}
