using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// The multiple-gradient descent algorithm (Sener and Koltun, "Multi-Task Learning as Multi-Objective Optimization",
    /// NeurIPS 2018; <see cref="MgdaAttribute"/>). Every step: the gradients <c>g_i</c> of the present tasks' losses on the shared
    /// parameters, scaled by <c>c_i</c> (<see cref="Normalization"/>) to <c>u_i = g_i / c_i</c>; the convex weights <c>alpha</c>
    /// minimizing <c>||sum_i alpha_i u_i||</c> (<see cref="MinNormWeights"/>); the shared gradient <c>sum_i alpha_i u_i</c>. The
    /// heads get the gradients of their own losses, the auxiliary terms their declared weights everywhere. The weights reported are
    /// <c>alpha_i / c_i</c>, the weights of the raw gradients in the shared step (the <c>alpha_i</c> themselves, summing to 1,
    /// without normalization); an absent task has 0. A task alone in a step has <c>alpha = 1</c> and steps on <c>u_i</c>. With
    /// <see cref="UpperBound"/> (MGDA-UB) the <c>g_i</c> are the gradients with respect to the shared representation and the shared
    /// parameters step on the gradient of <c>sum_i (alpha_i / c_i) L_i</c>.
    /// </summary>
    public sealed class Mgda : LossWeighting
    {
        /// <summary>The most Frank-Wolfe iterations for more than two tasks (Sener and Koltun's code).</summary>
        public const int MaxIterations = 250;

        /// <summary>Frank-Wolfe stops when no weight moves by more than this in an iteration (Sener and Koltun's code).</summary>
        public const double Tolerance = 1e-5;

        private const double Epsilon = 1e-8;

        private readonly WarmStart warmStart = new();

        /// <summary>Creates the method for <paramref name="tasks"/>.</summary>
        public Mgda(IReadOnlyList<TaskDefinition> tasks)
            : base(nameof(Mgda), tasks)
        {
        }

        /// <summary>How each task gradient is scaled before the min-norm point is found; default none.</summary>
        public MgdaNormalization Normalization { get; init; }

        /// <summary>
        /// MGDA-UB: find the weights from the gradients with respect to the shared representation the heads read instead of the
        /// shared parameters (one <c>autograd.grad</c> per task on a smaller tensor), then step the shared parameters on the
        /// gradient of <c>sum_i w_i L_i</c>; the min-norm point of an upper bound of the parameters' problem. Needs every head
        /// to read one tensor (a trunk or an encoder), not one per task. Default false.
        /// </summary>
        public bool UpperBound { get; init; }

        /// <inheritdoc />
        public override void SaveState(TrainingState state) => warmStart.Save(state);

        /// <inheritdoc />
        public override void LoadState(TrainingState state) => warmStart.Load(state);

        /// <inheritdoc />
        public override Tensor Backward(TaskStep step, TaskGradients gradients)
        {
            ArgumentNullException.ThrowIfNull(step);
            ArgumentNullException.ThrowIfNull(gradients);
            var present = PresentTasks(step);
            var presentIndices = Enumerable.Range(0, present.Length).Where(i => present[i]).ToArray();
            if (UpperBound && gradients.KnowsOthers && step.Auxiliary.Count == 0 && presentIndices.Length > 0)
            {
                return UpperBoundBackward(step, gradients, presentIndices);
            }

            var taskGradients = gradients.OnSharedParametersAndOthers(step.Losses);
            double[] weights;
            if (UpperBound)
            {
                var representationGradients = RepresentationGradients(step, gradients, withOthers: false);
                using var presentRows = presentIndices.Length == 0 ? null : torch.stack(presentIndices.Select(i => representationGradients[i]!).ToArray());
                weights = Weigh(step, presentRows is null ? null : GramMatrix(presentRows), presentIndices);
            }
            else
            {
                // An absent task's row is zero: the present tasks' Gram matrix is a submatrix of the whole one.
                weights = Weigh(step, presentIndices.Length == 0 ? null : Submatrix(GramMatrix(taskGradients), presentIndices), presentIndices);
            }

            var applied = WeightTensor(weights, taskGradients.device);
            var combined = gradients.Combine(applied);
            BackwardWithSharedGradient(step, gradients, combined);
            return applied;
        }

        /// <summary>
        /// MGDA-UB with each network part back-propagated once: each present task's pass through its head gives its representation
        /// gradient <c>z_i</c> and accumulates its head's gradient; the weights come from the <c>z_i</c>; one pass of
        /// <c>sum_i w_i z_i</c> through the trunk gives the shared parameters the gradient of <c>sum_i w_i L_i</c>.
        /// </summary>
        private Tensor UpperBoundBackward(TaskStep step, TaskGradients gradients, int[] presentIndices)
        {
            var representationGradients = RepresentationGradients(step, gradients, withOthers: true);
            using var presentRows = torch.stack(presentIndices.Select(i => representationGradients[i]!).ToArray());
            var weights = Weigh(step, GramMatrix(presentRows), presentIndices);
            using var presentWeights = WeightTensor(presentIndices.Select(i => weights[i]), presentRows.device);
            using var transposed = presentRows.t();
            using var combined = transposed.mv(presentWeights.to(presentRows.dtype));
            gradients.BackwardShared(step.Representation![0]!, combined);
            return WeightTensor(weights, step.Losses[0].device);
        }

        /// <summary>
        /// The convex weights <c>alpha</c> (non-negative, summing to 1) minimizing <c>||sum_i alpha_i u_i||^2</c> for the Gram matrix
        /// <c>gram[i, j] = u_i . u_j</c>: the closed form <see cref="TwoTaskWeight"/> for two tasks, <see cref="FrankWolfe"/> (from
        /// <paramref name="start"/> when given) for more, 1 for one.
        /// </summary>
        public static double[] MinNormWeights(double[,] gram, double[]? start = null)
        {
            ArgumentNullException.ThrowIfNull(gram);
            return gram.GetLength(0) switch
            {
                0 => [],
                1 => [1.0],
                2 => TwoTaskWeights(gram),
                _ => FrankWolfe(gram, start),
            };
        }

        /// <summary>
        /// The weight <c>alpha</c> of <c>u_1</c> at the min-norm point <c>alpha u_1 + (1 - alpha) u_2</c> of the segment, from the dot
        /// products: <c>clip((u_2 . u_2 - u_1 . u_2) / ||u_1 - u_2||^2, 0, 1)</c>; 0.5 when the two are equal.
        /// </summary>
        public static double TwoTaskWeight(double u1u1, double u1u2, double u2u2)
        {
            var denominator = u1u1 - 2 * u1u2 + u2u2;
            if (!(denominator > 0))
            {
                return 0.5;
            }

            return Math.Clamp((u2u2 - u1u2) / denominator, 0, 1);
        }

        /// <summary>
        /// Frank-Wolfe on the simplex for the Gram matrix <paramref name="gram"/>: from <paramref name="start"/> (a point of the simplex,
        /// the previous step's solution in training) or else the uniform weights, each iteration moves
        /// toward the vertex <c>t = argmin_i (G alpha)_i</c> by the exact line search of <see cref="TwoTaskWeight"/>, until no weight
        /// moves by more than <see cref="Tolerance"/> or after <see cref="MaxIterations"/> iterations.
        /// </summary>
        public static double[] FrankWolfe(double[,] gram, double[]? start = null)
        {
            ArgumentNullException.ThrowIfNull(gram);
            var count = gram.GetLength(0);
            var alpha = start is { } warm && warm.Length == count ? (double[])warm.Clone() : Enumerable.Repeat(1.0 / count, count).ToArray();
            for (var iteration = 0; iteration < MaxIterations; iteration++)
            {
                var gradient = new double[count];
                for (var i = 0; i < count; i++)
                {
                    for (var j = 0; j < count; j++)
                    {
                        gradient[i] += gram[i, j] * alpha[j];
                    }
                }

                var vertex = Array.IndexOf(gradient, gradient.Min());
                // ||v||^2 for the current point v = sum alpha_i u_i, v . u_t, and ||u_t||^2.
                var pointPoint = alpha.Select((a, i) => a * gradient[i]).Sum();
                var pointVertex = gradient[vertex];
                var vertexVertex = gram[vertex, vertex];
                var keep = TwoTaskWeight(pointPoint, pointVertex, vertexVertex);
                var next = alpha.Select(a => keep * a).ToArray();
                next[vertex] += 1 - keep;
                var moved = next.Select((a, i) => Math.Abs(a - alpha[i])).Max();
                alpha = next;
                if (moved < Tolerance)
                {
                    break;
                }
            }

            return alpha;
        }

        private static double[] TwoTaskWeights(double[,] gram)
        {
            var first = TwoTaskWeight(gram[0, 0], gram[0, 1], gram[1, 1]);
            return [first, 1 - first];
        }

        /// <summary>
        /// The weights <c>alpha_i / c_i</c> of every task (0 for an absent one) from the Gram matrix <paramref name="gram"/> of the
        /// present tasks' gradients (null when none is present), in <paramref name="presentIndices"/> order: the norms are the square
        /// roots of its diagonal, and the scaled gradients' Gram matrix is <c>gram[a, b] / (c_a c_b)</c>, so no other read from the device.
        /// </summary>
        private double[] Weigh(TaskStep step, double[,]? gram, int[] presentIndices)
        {
            var weights = new double[step.Losses.Count];
            if (gram is null)
            {
                return weights;
            }

            var count = presentIndices.Length;
            var scales = presentIndices.Select((task, k) => Math.Max(Normalization switch
            {
                MgdaNormalization.L2 => Math.Sqrt(Math.Max(gram[k, k], 0)),
                MgdaNormalization.Loss => step.Losses[task].ToDouble(),
                MgdaNormalization.LossPlus => step.Losses[task].ToDouble() * Math.Sqrt(Math.Max(gram[k, k], 0)),
                _ => 1.0,
            }, Epsilon)).ToArray();
            var scaled = new double[count, count];
            for (var a = 0; a < count; a++)
            {
                for (var b = 0; b < count; b++)
                {
                    scaled[a, b] = gram[a, b] / (scales[a] * scales[b]);
                }
            }

            var alpha = MinNormWeights(scaled, warmStart.For(count));
            warmStart.Keep(alpha);

            for (var k = 0; k < count; k++)
            {
                weights[presentIndices[k]] = alpha[k] / scales[k];
            }

            return weights;
        }

        private static IReadOnlyList<Tensor?> RepresentationGradients(TaskStep step, TaskGradients gradients, bool withOthers)
        {
            if (step.Representation is { IsShared: false })
            {
                throw new InvalidOperationException(
                    "MGDA-UB (Mgda.UpperBound) needs one representation every head reads (a trunk or an encoder); this model's heads read one each (experts, PLE or one input per task). Use Mgda without UpperBound.");
            }

            return withOthers ? gradients.OnRepresentationAndOthers(step) : gradients.OnRepresentation(step);
        }
    }
}
