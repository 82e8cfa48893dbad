using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// GradNorm (Chen, Badrinarayanan, Lee and Rabinovich, "GradNorm: Gradient Normalization for Adaptive Loss Balancing in
    /// Deep Multitask Networks", ICML 2018; <see cref="GradNormAttribute"/>). Learnable task weights <c>w_i</c> (parameter
    /// <c>weights</c>, 1 at the start); the model steps on <c>sum_i w_i L_i</c> plus the auxiliary terms, the weights held
    /// constant. Each step, on the weight matrix W of the last shared layer: <c>G_i = ||grad_W (w_i L_i)|| = w_i ||grad_W L_i||</c>,
    /// the inverse training rates <c>r_i = (L_i / L_i(0)) / mean_j (L_j / L_j(0))</c> with <c>L_i(0)</c> the task's loss the first
    /// time it is present (buffer <c>initial_losses</c>), and the weights alone get the gradient of
    /// <c>sum_i |G_i - mean(G) r_i^alpha|</c>, the target <c>mean(G) r_i^alpha</c> a constant. They step in their own optimizer
    /// group (<c>TrainingOptions.LossWeighting</c>); after every step (<see cref="AfterStep"/>) they are renormalized to sum
    /// to K, each kept at least <see cref="MinimumWeight"/> first, so that no task's loss is ever ascended.
    /// <para>
    /// The last shared layer is the last shared parameter with two or more dimensions, in the order of the model's shared
    /// parameters: the last linear layer of a trunk or of an autoencoder's encoder (the generator admits no other shared
    /// component), the last weight matrix a custom trunk registers. A task absent from a step (one input per task) has weight
    /// 0 in it, takes no part in the means and its weight gets no gradient; a task alone in a step leaves the weights as they
    /// are (its ratio is 1 and its target its own norm).
    /// </para>
    /// </summary>
    public sealed class GradNorm : LossWeighting
    {
        /// <summary>The smallest weight kept before the renormalization after a step.</summary>
        public const double MinimumWeight = 1e-4;

        private readonly Parameter weights;
        private readonly Tensor initial_losses;
        private readonly Scalar minimumWeight = MinimumWeight.ToScalar();
        private readonly Scalar taskCount;
        private double alpha = 1.5;
        private Scalar exponent = 1.5.ToScalar();
        private (IReadOnlyList<Parameter> Parameters, int Index, bool Deeper, long[] MatrixDims)? lastLayer;

        /// <summary>Creates the weights, all 1, for <paramref name="tasks"/>.</summary>
        public GradNorm(IReadOnlyList<TaskDefinition> tasks)
            : base(nameof(GradNorm), tasks)
        {
            weights = new Parameter(torch.ones(tasks.Count));
            taskCount = ((double)tasks.Count).ToScalar();
            using (var unknown = double.NaN.ToScalar())
            {
                initial_losses = torch.full(tasks.Count, unknown).DetachFromDisposeScope();
            }

            RegisterComponents();
        }

        /// <summary>The asymmetry alpha, at least 0; default 1.5.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
        public double Alpha
        {
            get => alpha;
            init
            {
                if (!(value >= 0) || double.IsInfinity(value))
                {
                    throw new ArgumentOutOfRangeException(nameof(Alpha), value, "The GradNorm alpha must be a finite number of at least 0.");
                }

                alpha = value;
                exponent.Dispose();
                exponent = value.ToScalar();
            }
        }

        /// <summary>The learnable task weights <c>w_i</c>, <c>[K]</c>, in task order.</summary>
        public Parameter Weights => weights;

        /// <summary>Each task's loss the first time it was present with a positive loss, <c>[K]</c>; NaN before.</summary>
        public Tensor InitialLosses => initial_losses;

        /// <inheritdoc />
        public override Tensor Backward(TaskStep step, TaskGradients gradients)
        {
            ArgumentNullException.ThrowIfNull(step);
            ArgumentNullException.ThrowIfNull(gradients);
            var present = PresentTasks(step);
            var presentCount = present.Count(p => p);
            using var absent = presentCount == present.Length ? null : torch.tensor(present, device: weights.device).logical_not_();
            var applied = absent is null ? weights.detach() : weights.detach().masked_fill(absent, Scalars.Zero);
            if (presentCount == 0)
            {
                WeightedTotal(step, applied).backward();
                return applied;
            }

            var (layer, layerIndex, deeper, matrixDims) = LayerOf(gradients);
            if (deeper || step.Auxiliary.Count > 0)
            {
                // A deeper shared part (or auxiliary terms): each task's gradient on the last layer alone, then one backward pass
                // of sum_i w_i L_i and the auxiliary terms.
                using (var norms = LayerGradientNorms(step, present, layer))
                {
                    WriteWeightsGradient(step, norms, absent);
                }

                WeightedTotal(step, applied).backward();
                return applied;
            }

            // The last shared layer is the only one: each task's gradient on all the shared parameters costs what its gradient on
            // the layer does, and their weighted sum is the shared parameters' step, so no pass of sum_i w_i L_i through the trunk.
            var taskGradients = gradients.OnSharedParametersApart(step.Losses);
            using (var norms = LayerNorms(taskGradients, layerIndex, matrixDims))
            {
                WriteWeightsGradient(step, norms, absent);
            }

            using var tasksTotal = TaskTotal(step, applied);
            gradients.BackwardOthers(tasksTotal);
            gradients.WriteShared(taskGradients, applied);
            return applied;
        }

        /// <summary>Keeps every weight at least <see cref="MinimumWeight"/> and rescales them to sum to K.</summary>
        public override void AfterStep(TaskStep step, Func<IReadOnlyList<Tensor>> lossesAfterStep)
        {
            using var noGrad = torch.no_grad();
            weights.clamp_min_(minimumWeight);
            using var total = weights.sum();
            weights.div_(total).mul_(taskCount);
        }

        /// <summary>
        /// The weight matrix of the last shared layer (the last shared parameter with two or more dimensions), its index among the
        /// shared parameters, whether another shared parameter has two or more dimensions, and the dimensions 1.. of the layer's
        /// gradients stacked (what a norm per task runs over); found once per parameter list.
        /// </summary>
        private (Parameter Layer, int Index, bool Deeper, long[] MatrixDims) LayerOf(TaskGradients gradients)
        {
            var parameters = gradients.SharedParameters;
            if (lastLayer is not { } found || !ReferenceEquals(found.Parameters, parameters))
            {
                var matrices = Enumerable.Range(0, parameters.Count).Where(i => parameters[i].dim() >= 2).ToArray();
                if (matrices.Length == 0)
                {
                    throw new InvalidOperationException("GradNorm needs the weight matrix of a last shared layer (a trunk's or an encoder's last linear layer), but none of the model's shared parameters has two or more dimensions.");
                }

                var layer = parameters[matrices[^1]];
                found = (parameters, matrices[^1], matrices.Length > 1, Enumerable.Range(1, (int)layer.dim()).Select(d => (long)d).ToArray());
                lastLayer = found;
            }

            return (parameters[found.Index], found.Index, found.Deeper, found.MatrixDims);
        }

        /// <summary>
        /// The norms of the tasks' gradients on the layer at <paramref name="layerIndex"/>, <c>[K]</c>: one stacked norm when every
        /// task reached it, else 0 for a task that did not.
        /// </summary>
        private Tensor LayerNorms(IReadOnlyList<Tensor?>[] taskGradients, int layerIndex, long[] matrixDims)
        {
            var layerGradients = taskGradients.Select(g => g[layerIndex]).ToArray();
            if (layerGradients.All(g => g is not null))
            {
                using var stacked = torch.stack(layerGradients!);
                return torch.linalg.vector_norm(stacked, dims: matrixDims);
            }

            return torch.stack(layerGradients.Select(g => g?.norm() ?? torch.zeros(Array.Empty<long>(), device: weights.device)).ToArray());
        }

        /// <summary><c>||grad_W L_i||</c> for each present task, 0 for an absent one, <c>[K]</c>, detached; the graph is retained.</summary>
        private Tensor LayerGradientNorms(TaskStep step, bool[] present, Parameter layer)
        {
            var norms = new Tensor[Tasks.Count];
            for (var i = 0; i < norms.Length; i++)
            {
                var loss = step.Losses[i];
                var gradient = present[i] && loss.requires_grad
                    ? torch.autograd.grad([loss], [layer], retain_graph: true, allow_unused: true)[0]
                    : null;
                norms[i] = gradient is { IsInvalid: false } reached ? reached.norm() : torch.tensor(0f, device: weights.device);
            }

            return torch.stack(norms).detach();
        }

        /// <summary><c>sum_i weights_i L_i</c> without the auxiliary terms, in the graph.</summary>
        private static Tensor TaskTotal(TaskStep step, Tensor weights)
        {
            using var losses = torch.stack(step.Losses);
            using var weighted = losses.mul(weights);
            return weighted.sum();
        }

        /// <summary>
        /// The gradient of the GradNorm loss <c>sum_i |w_i n_i - mean(w n) r_i^alpha|</c> with respect to the weights, its targets
        /// held constant: <c>sign(w_i n_i - target_i) n_i</c> (0 for an absent task, whose norm is 0), written out rather than
        /// back-propagated, a few <c>[K]</c> operations. The means run over the present tasks (<paramref name="absent"/> null when
        /// all are); records the losses of the tasks present for the first time. A ratio that is undefined (no positive initial
        /// loss yet) counts as 1.
        /// </summary>
        private Tensor GradNormLossGradient(TaskStep step, Tensor norms, Tensor? absent)
        {
            using var noGrad = torch.no_grad();
            using var stacked = torch.stack(step.Losses);
            using var converted = stacked.dtype == weights.dtype ? null : stacked.to(weights.dtype);
            var losses = converted ?? stacked;
            using var unset = initial_losses.isnan().logical_and_(losses.gt(Scalars.Zero));
            if (absent is not null)
            {
                unset.logical_and_(absent.logical_not());
            }

            using var recorded = losses.where(unset, initial_losses);
            initial_losses.copy_(recorded);

            using var ratios = losses.div(initial_losses).nan_to_num_(1.0, 1.0, 1.0);
            using var normsOfWeighted = weights.mul(norms);
            using var meanRatio = MeanOverPresent(ratios, absent);
            using var meanNorm = MeanOverPresent(normsOfWeighted, absent);
            using var target = ratios.div(meanRatio).pow_(exponent).mul_(meanNorm);
            return normsOfWeighted.sub(target).sign_().mul_(norms);
        }

        private static Tensor MeanOverPresent(Tensor values, Tensor? absent)
        {
            if (absent is null)
            {
                return values.mean();
            }

            using var present = absent.logical_not();
            using var kept = values.masked_fill(absent, Scalars.Zero);
            using var count = present.sum();
            return kept.sum().div_(count);
        }

        /// <summary>Sets the weights' <c>.grad</c> to the GradNorm loss's gradient for the layer gradient norms <paramref name="norms"/>.</summary>
        private void WriteWeightsGradient(TaskStep step, Tensor norms, Tensor? absent)
        {
            using var noGrad = torch.no_grad();
            using var gradient = GradNormLossGradient(step, norms, absent);
            weights.grad = gradient;
        }

        /// <inheritdoc />
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                minimumWeight.Dispose();
                taskCount.Dispose();
                exponent.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
