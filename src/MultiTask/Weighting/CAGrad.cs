using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// Conflict-averse gradient descent (Liu et al., "Conflict-Averse Gradient Descent for Multi-task Learning", NeurIPS 2021;
    /// <see cref="CAGradAttribute"/>). Every step: the gradients <c>g_i</c> of the K present tasks' losses on the shared
    /// parameters and their mean <c>g_0</c>; the direction <c>d = argmax_d min_i g_i . d</c> subject to <c>||d - g_0|| &lt;= C ||g_0||</c>,
    /// through its dual: <c>w = argmin</c> over the simplex of <c>g_w . g_0 + C ||g_0|| ||g_w||</c> with <c>g_w = sum_i w_i g_i</c>
    /// (<see cref="DualWeights"/>), then <c>d = g_0 + (C ||g_0|| / ||g_w||) g_w</c>. The shared gradient is <c>d / (1 + C^2)</c>, the
    /// rescaling of the authors' code. The heads get the gradients of their own losses, the auxiliary terms their declared weights
    /// everywhere. The weights reported are those of the raw gradients in the shared step,
    /// <c>(1 / K + lambda w_i) / (1 + C^2)</c> with <c>lambda = C ||g_0|| / ||g_w||</c>; an absent task has 0. A task alone in a step
    /// steps on <c>(1 + C) / (1 + C^2)</c> times its own gradient.
    /// </summary>
    public sealed class CAGrad : GramWeighting
    {
        /// <summary>The most Frank-Wolfe iterations on the dual.</summary>
        public const int MaxIterations = 1000;

        /// <summary>Frank-Wolfe stops when its pairwise gap falls below this, relative to <c>||g_0||^2</c>.</summary>
        public const double Tolerance = 1e-9;

        private const double Epsilon = 1e-12;

        private readonly WarmStart warmStart = new();
        private readonly double c = 0.4;

        /// <summary>Creates the method for <paramref name="tasks"/>.</summary>
        public CAGrad(IReadOnlyList<TaskDefinition> tasks)
            : base(nameof(CAGrad), tasks)
        {
        }

        /// <summary>The radius of the ball around the mean gradient, as a fraction of its norm, in [0, 1); default 0.4.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 1).</exception>
        public double C
        {
            get => c;
            init
            {
                if (!(value >= 0 && value < 1))
                {
                    throw new ArgumentOutOfRangeException(nameof(C), value, "The CAGrad C must be in [0, 1).");
                }

                c = value;
            }
        }

        /// <inheritdoc />
        public override void SaveState(TrainingState state) => warmStart.Save(state);

        /// <inheritdoc />
        public override void LoadState(TrainingState state) => warmStart.Load(state);

        /// <inheritdoc />
        protected override double[] WeightsFromGram(double[,] gram)
        {
            var count = gram.GetLength(0);
            var weights = StepWeights(gram, c, warmStart.For(count), out var dual);
            warmStart.Keep(dual);
            return weights;
        }

        /// <summary>
        /// The weights of the task gradients in the shared step, <c>(1 / K + lambda w_i) / (1 + C^2)</c>, from their Gram matrix
        /// <paramref name="gram"/> (<c>g_i . g_j</c>) and <paramref name="radius"/> C.
        /// </summary>
        public static double[] StepWeights(double[,] gram, double radius) => StepWeights(gram, radius, null, out _);

        /// <summary>The step's weights as <see cref="StepWeights(double[,], double)"/>, the dual solved from <paramref name="start"/>, and the dual weights found.</summary>
        public static double[] StepWeights(double[,] gram, double radius, double[]? start, out double[] dual)
        {
            ArgumentNullException.ThrowIfNull(gram);
            var count = gram.GetLength(0);
            dual = DualWeights(gram, radius, start);
            var meanNorm = Math.Sqrt(Math.Max(MeanSquaredNorm(gram), 0));
            var combinedNorm = Math.Sqrt(Math.Max(Quadratic(gram, dual), 0));
            // g_w = 0 (the mean gradient is itself conflict-free at the optimum, or every gradient is zero): d = g_0.
            var lambda = combinedNorm > Epsilon ? radius * meanNorm / combinedNorm : 0;
            return dual.Select(w => (1.0 / count + lambda * w) / (1 + radius * radius)).ToArray();
        }

        /// <summary>
        /// The dual weights <c>w</c> on the simplex minimizing <c>g_w . g_0 + C ||g_0|| ||g_w||</c>, a convex function, by pairwise
        /// Frank-Wolfe from <paramref name="start"/> (a point of the simplex: the previous step's solution in training) or else the
        /// uniform weights, with an exact line search, until the pairwise gap is below <see cref="Tolerance"/> <c>||g_0||^2</c> or
        /// after <see cref="MaxIterations"/> iterations.
        /// </summary>
        public static double[] DualWeights(double[,] gram, double radius, double[]? start = null)
        {
            ArgumentNullException.ThrowIfNull(gram);
            var count = gram.GetLength(0);
            var meanProducts = new double[count];
            for (var i = 0; i < count; i++)
            {
                for (var j = 0; j < count; j++)
                {
                    meanProducts[i] += gram[i, j];
                }

                meanProducts[i] /= count;
            }

            var meanSquaredNorm = MeanSquaredNorm(gram);
            var scale = radius * Math.Sqrt(Math.Max(meanSquaredNorm, 0));
            var weights = start is { } warm && warm.Length == count ? (double[])warm.Clone() : Enumerable.Repeat(1.0 / count, count).ToArray();
            // Reused by every iteration: the solver runs every step, up to MaxIterations times.
            var products = new double[count];
            var gradient = new double[count];
            var moved = new double[count];
            for (var iteration = 0; iteration < MaxIterations && count > 1; iteration++)
            {
                var squaredNorm = 0.0;
                for (var i = 0; i < count; i++)
                {
                    products[i] = 0;
                    for (var j = 0; j < count; j++)
                    {
                        products[i] += gram[i, j] * weights[j];
                    }

                    squaredNorm += products[i] * weights[i];
                }

                var norm = Math.Sqrt(Math.Max(squaredNorm, 0));
                // Pairwise Frank-Wolfe: move weight from the worst task in the support to the best vertex.
                int vertex = 0, away = -1;
                for (var i = 0; i < count; i++)
                {
                    gradient[i] = meanProducts[i] + (norm > Epsilon ? scale * products[i] / norm : 0);
                    vertex = gradient[i] < gradient[vertex] ? i : vertex;
                    away = weights[i] > 0 && (away < 0 || gradient[i] > gradient[away]) ? i : away;
                }

                var gap = gradient[away] - gradient[vertex];
                if (gap <= Tolerance * meanSquaredNorm)
                {
                    break;
                }

                var largest = weights[away];
                double Objective(double fraction)
                {
                    Toward(weights, fraction, moved);
                    var linearTerm = 0.0;
                    for (var i = 0; i < count; i++)
                    {
                        linearTerm += moved[i] * meanProducts[i];
                    }

                    return linearTerm + scale * Math.Sqrt(Math.Max(Quadratic(gram, moved), 0));
                }

                void Toward(double[] from, double fraction, double[] into)
                {
                    Array.Copy(from, into, count);
                    into[vertex] += fraction * largest;
                    into[away] = Math.Max(into[away] - fraction * largest, 0);
                }

                // Along the move, g_w . g_0 is linear in the fraction f and ||g_w||^2 quadratic: f L + s sqrt(A f^2 + B f + C).
                var linear = largest * (meanProducts[vertex] - meanProducts[away]);
                var quadratic = largest * largest * (gram[vertex, vertex] - 2 * gram[vertex, away] + gram[away, away]);
                var slope = 2 * largest * (products[vertex] - products[away]);
                var stationary = StationaryFraction(linear, scale, quadratic, slope, norm * norm);
                var (atZero, atOne) = (Objective(0), Objective(1));
                var (fraction, lowest) = atZero <= atOne ? (0.0, atZero) : (1.0, atOne);
                if (!double.IsNaN(stationary) && Objective(stationary) < lowest)
                {
                    fraction = stationary;
                }

                // A drop step: a task left with a vanishing weight would stay the away vertex.
                if (fraction > 1 - 1e-9)
                {
                    fraction = 1;
                }

                Toward(weights, fraction, moved);
                (weights, moved) = (moved, weights);
                if (fraction == 1)
                {
                    weights[away] = 0;
                }
            }

            return weights;
        }

        /// <summary>
        /// The stationary point in [0, 1] of the convex <c>h(f) = f L + s sqrt(A f^2 + B f + C)</c>, the line search's objective up
        /// to a constant: <c>2 A f + B = u</c>, <c>u^2 = r^2 (4 A C - B^2) / (A - r^2)</c> with <c>r = -L / s</c> and <c>u</c> of the
        /// sign of <c>r</c>, when <c>A &gt; r^2</c>; NaN when there is none (the minimum is then at an end).
        /// </summary>
        private static double StationaryFraction(double linear, double scale, double quadratic, double slope, double constant)
        {
            if (scale > 0 && quadratic > 0)
            {
                var r = -linear / scale;
                var discriminant = 4 * quadratic * constant - slope * slope;
                if (quadratic > r * r && discriminant >= 0)
                {
                    var u = Math.Sign(r) * Math.Sqrt(r * r * discriminant / (quadratic - r * r));
                    return Math.Clamp((u - slope) / (2 * quadratic), 0, 1);
                }

                return double.NaN;
            }

            return quadratic > 0 ? Math.Clamp(-slope / (2 * quadratic), 0, 1) : double.NaN;
        }

        /// <summary><c>||g_0||^2</c>, the mean of the Gram matrix.</summary>
        private static double MeanSquaredNorm(double[,] gram)
        {
            var count = gram.GetLength(0);
            var total = 0.0;
            foreach (var value in gram)
            {
                total += value;
            }

            return total / (count * count);
        }

        /// <summary><c>w^T G w = ||g_w||^2</c>.</summary>
        private static double Quadratic(double[,] gram, double[] w)
        {
            var total = 0.0;
            for (var i = 0; i < w.Length; i++)
            {
                for (var j = 0; j < w.Length; j++)
                {
                    total += w[i] * gram[i, j] * w[j];
                }
            }

            return total;
        }
    }
}
