using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// Unconflicting projection of gradients (UPGrad; Quinton and Rey, "Jacobian Descent for Multi-Objective Optimization", 2024,
    /// the TorchJD library; <see cref="UPGradAttribute"/>). Every step: the gradients <c>g_i</c> of the K present tasks' losses on the
    /// shared parameters, the rows of <c>J</c>, and their Gram matrix <c>G = J J^T</c>; each <c>g_i</c> projected onto the dual cone
    /// <c>{x : g_k . x &gt;= 0 for every k}</c>, which is <c>J^T v_i</c> with <c>v_i = argmin_{v &gt;= e_i} v^T G v</c>
    /// (<see cref="ProjectionWeights"/>); the shared gradient is the mean of the projections, <c>sum_i w_i g_i</c> with
    /// <c>w = (1/K) sum_i v_i</c>. The heads get the gradients of their own losses, the auxiliary terms their declared weights
    /// everywhere. The weights reported are the <c>w_i</c> (each at least <c>1/K</c>; all <c>1/K</c>, the mean gradient, when no two
    /// gradients conflict); an absent task has 0. A task alone in a step has <c>w = 1</c> and steps on its own gradient.
    /// </summary>
    public sealed class UPGrad : GramWeighting
    {
        /// <summary>The most coordinate-descent sweeps per projection.</summary>
        public const int MaxSweeps = 10_000;

        /// <summary>Coordinate descent stops when no coordinate moves by more than this in a sweep.</summary>
        public const double Tolerance = 1e-12;

        private readonly WarmStart warmStart = new();

        /// <summary>Creates the method for <paramref name="tasks"/>.</summary>
        public UPGrad(IReadOnlyList<TaskDefinition> tasks)
            : base(nameof(UPGrad), tasks)
        {
        }

        /// <inheritdoc />
        public override void SaveState(TrainingState state) => warmStart.Save(state);

        /// <inheritdoc />
        public override void LoadState(TrainingState state) => warmStart.Load(state);

        /// <inheritdoc />
        protected override double[] WeightsFromGram(double[,] gram)
        {
            var count = gram.GetLength(0);
            var projections = warmStart.For(count * count) is { } last ? Enumerable.Range(0, count).Select(i => last[(i * count)..((i + 1) * count)]).ToArray() : null;
            var weights = AggregationWeights(gram, projections, out var found);
            warmStart.Keep([.. found.SelectMany(v => v)]);
            return weights;
        }

        /// <summary>The weights <c>w = (1/K) sum_i v_i</c> of the task gradients in the shared step, from their Gram matrix <paramref name="gram"/>.</summary>
        public static double[] AggregationWeights(double[,] gram) => AggregationWeights(gram, null, out _);

        /// <summary>
        /// The weights as <see cref="AggregationWeights(double[,])"/>, each projection's descent started from <paramref name="starts"/>[i]
        /// (the previous step's <c>v_i</c> in training; raised to the bound where below it), and every <c>v_i</c> found.
        /// </summary>
        public static double[] AggregationWeights(double[,] gram, double[][]? starts, out double[][] projections)
        {
            ArgumentNullException.ThrowIfNull(gram);
            var count = gram.GetLength(0);
            var weights = new double[count];
            projections = new double[count][];
            for (var i = 0; i < count; i++)
            {
                var lower = new double[count];
                lower[i] = 1;
                var projection = ProjectionWeights(gram, lower, starts?[i]);
                projections[i] = projection;
                for (var k = 0; k < count; k++)
                {
                    weights[k] += projection[k] / count;
                }
            }

            return weights;
        }

        /// <summary>
        /// <c>v = argmin_{v &gt;= lower} v^T G v</c> for the Gram matrix <paramref name="gram"/>, so that <c>J^T v</c> is the projection of
        /// <c>J^T lower</c> onto the dual cone of the rows of <c>J</c>: cyclic coordinate descent on <c>v = lower + z</c>, <c>z &gt;= 0</c>,
        /// from <paramref name="start"/> (raised to <paramref name="lower"/>) or else <c>z = 0</c>,
        /// each coordinate minimized exactly (<c>z_k = max(0, z_k - (G v)_k / G_kk)</c>; a task with a zero gradient keeps
        /// <c>z_k = 0</c>), until no coordinate moves by more than <see cref="Tolerance"/> times the largest <c>v_k</c> or after
        /// <see cref="MaxSweeps"/> sweeps.
        /// </summary>
        public static double[] ProjectionWeights(double[,] gram, double[] lower, double[]? start = null)
        {
            ArgumentNullException.ThrowIfNull(gram);
            ArgumentNullException.ThrowIfNull(lower);
            var count = gram.GetLength(0);
            var v = start is { } warm && warm.Length == count ? warm.Select((x, k) => Math.Max(x, lower[k])).ToArray() : (double[])lower.Clone();
            var products = new double[count];
            for (var k = 0; k < count; k++)
            {
                for (var j = 0; j < count; j++)
                {
                    products[k] += gram[k, j] * v[j];
                }
            }

            for (var sweep = 0; sweep < MaxSweeps; sweep++)
            {
                var moved = 0.0;
                for (var k = 0; k < count; k++)
                {
                    if (!(gram[k, k] > 0))
                    {
                        continue;
                    }

                    var next = Math.Max(lower[k], v[k] - products[k] / gram[k, k]);
                    var change = next - v[k];
                    if (change == 0)
                    {
                        continue;
                    }

                    for (var j = 0; j < count; j++)
                    {
                        products[j] += gram[j, k] * change;
                    }

                    v[k] = next;
                    moved = Math.Max(moved, Math.Abs(change));
                }

                if (moved <= Tolerance * v.Max(Math.Abs))
                {
                    break;
                }
            }

            return v;
        }
    }
}
