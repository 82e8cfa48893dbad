using System;

namespace MultiTask
{
    /// <summary>
    /// The eigendecomposition of a small symmetric matrix on the host in doubles, by cyclic Jacobi rotations: for the K x K Gram
    /// matrices of the gradient methods, where a torch call (a tensor from the host, LAPACK, two reads back) costs more than the
    /// arithmetic. Accurate to a few units of double precision relative to the largest eigenvalue.
    /// </summary>
    internal static class SymmetricEigen
    {
        private const int MaxSweeps = 64;

        /// <summary>
        /// The eigenvalues of the symmetric <paramref name="matrix"/> (unordered) and the eigenvectors as the columns of
        /// <c>Vectors</c>, <c>Vectors[i, k]</c> the i-th entry of the k-th vector; only the upper triangle is read.
        /// </summary>
        public static (double[] Values, double[,] Vectors) Decompose(double[,] matrix)
        {
            ArgumentNullException.ThrowIfNull(matrix);
            var n = matrix.GetLength(0);
            var a = new double[n, n];
            var vectors = new double[n, n];
            for (var i = 0; i < n; i++)
            {
                vectors[i, i] = 1;
                for (var j = i; j < n; j++)
                {
                    a[i, j] = a[j, i] = matrix[i, j];
                }
            }

            for (var sweep = 0; sweep < MaxSweeps && OffDiagonal(a) > 0; sweep++)
            {
                for (var p = 0; p < n - 1; p++)
                {
                    for (var q = p + 1; q < n; q++)
                    {
                        Rotate(a, vectors, p, q);
                    }
                }
            }

            var values = new double[n];
            for (var i = 0; i < n; i++)
            {
                values[i] = a[i, i];
            }

            return (values, vectors);
        }

        /// <summary>The rotation in the (p, q) plane that zeroes <c>a[p, q]</c>, applied to <paramref name="a"/> and accumulated in <paramref name="vectors"/>.</summary>
        private static void Rotate(double[,] a, double[,] vectors, int p, int q)
        {
            if (a[p, q] == 0)
            {
                return;
            }

            // The smaller root t of t^2 + 2 theta t - 1 = 0, theta = (a_qq - a_pp) / (2 a_pq): the stable form (Golub and Van Loan, 8.5).
            var theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
            var t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
            var c = 1 / Math.Sqrt((t * t) + 1);
            var s = t * c;
            var n = a.GetLength(0);
            for (var k = 0; k < n; k++)
            {
                var (akp, akq) = (a[k, p], a[k, q]);
                a[k, p] = (c * akp) - (s * akq);
                a[k, q] = (s * akp) + (c * akq);
            }

            for (var k = 0; k < n; k++)
            {
                var (apk, aqk) = (a[p, k], a[q, k]);
                a[p, k] = (c * apk) - (s * aqk);
                a[q, k] = (s * apk) + (c * aqk);
            }

            for (var k = 0; k < n; k++)
            {
                var (vkp, vkq) = (vectors[k, p], vectors[k, q]);
                vectors[k, p] = (c * vkp) - (s * vkq);
                vectors[k, q] = (s * vkp) + (c * vkq);
            }
        }

        /// <summary>The largest off-diagonal entry's magnitude once it is no longer negligible against the diagonal; 0 when it is.</summary>
        private static double OffDiagonal(double[,] a)
        {
            var n = a.GetLength(0);
            var (off, diagonal) = (0.0, 0.0);
            for (var i = 0; i < n; i++)
            {
                diagonal = Math.Max(diagonal, Math.Abs(a[i, i]));
                for (var j = i + 1; j < n; j++)
                {
                    off = Math.Max(off, Math.Abs(a[i, j]));
                }
            }

            return off > 1e-15 * diagonal ? off : 0;
        }
    }
}
