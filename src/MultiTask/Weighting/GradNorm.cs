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
        private readonly DeviceConstant ones;
        private (IReadOnlyList<Parameter> Parameters, Parameter Layer, long Offset, bool Deeper)? lastLayer;

        /// <summary>Creates the weights, all 1, for <paramref name="tasks"/>.</summary>
        public GradNorm(IReadOnlyList<TaskDefinition> tasks)
            : base(nameof(GradNorm), tasks)
        {
            weights = new Parameter(torch.ones(tasks.Count));
            taskCount = ((double)tasks.Count).ToScalar();
            ones = new DeviceConstant(tasks.Select(_ => 1.0));
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

            var (layer, offset, deeper) = LayerOf(gradients);
            if (deeper || step.Auxiliary.Count > 0)
            {
                // A deeper shared part (or auxiliary terms): each task's gradient on the last layer alone, then one backward pass
                // of sum_i w_i L_i and the auxiliary terms.
                using (var norms = LayerGradientNorms(step, present, layer))
                {
                    var taskNorms = HostValues(norms);
                    var currentWeights = HostValues(applied);
                    WriteWeightsGradient(step, present, taskNorms, [.. taskNorms.Select((n, i) => currentWeights[i] * n)]);
                }

                WeightedTotal(step, applied).backward();
                return applied;
            }

            // The last shared layer is the only one: each task's pass of w_i L_i gives its gradient on all the shared parameters
            // (a row) and the heads theirs, at the cost of its gradient on the layer; the rows' sum is the shared parameters' step.
            var scales = Enumerable.Range(0, present.Length).Select(i => present[i] ? applied[i] : null).ToArray();
            var rows = gradients.OnSharedParametersAndOthers(step.Losses, scales);
            using (var layerRows = rows.narrow(1, offset, layer.numel()))
            using (var weightedNorms = torch.linalg.vector_norm(layerRows, dims: [1]))
            {
                var normsOfWeighted = HostValues(weightedNorms);
                var currentWeights = HostValues(applied);
                WriteWeightsGradient(step, present, [.. normsOfWeighted.Select((g, i) => present[i] ? g / currentWeights[i] : 0)], normsOfWeighted);
            }

            BackwardWithSharedGradient(step, gradients, gradients.Combine(ones.On(rows)), () => TaskTotal(step, applied));
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
        /// The weight matrix of the last shared layer (the last shared parameter with two or more dimensions), where its elements
        /// start among the shared parameters' (its columns in the task gradient rows), and whether another shared parameter has
        /// two or more dimensions; found once per parameter list.
        /// </summary>
        private (Parameter Layer, long Offset, bool Deeper) LayerOf(TaskGradients gradients)
        {
            var parameters = gradients.SharedParameters;
            if (lastLayer is not { } found || !ReferenceEquals(found.Parameters, parameters))
            {
                var matrices = Enumerable.Range(0, parameters.Count).Where(i => parameters[i].dim() >= 2).ToArray();
                if (matrices.Length == 0)
                {
                    throw new InvalidOperationException("GradNorm needs the weight matrix of a last shared layer (a trunk's or an encoder's last linear layer), but none of the model's shared parameters has two or more dimensions.");
                }

                var index = matrices[^1];
                found = (parameters, parameters[index], parameters.Take(index).Sum(p => p.numel()), matrices.Length > 1);
                lastLayer = found;
            }

            return (found.Layer, found.Offset, found.Deeper);
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
        /// Sets the weights' <c>.grad</c> to the gradient of the GradNorm loss <c>sum_i |G_i - mean(G) r_i^alpha|</c>, its targets
        /// held constant: <c>sign(G_i - target_i) n_i</c>, for the layer gradient norms <paramref name="norms"/> <c>n_i</c> and
        /// <paramref name="normsOfWeighted"/> <c>G_i = w_i n_i</c> (0 for an absent task). K numbers, worked out on the host in
        /// doubles rather than back-propagated. The means run over the present tasks; records the losses of the tasks present
        /// for the first time. A ratio that is undefined (no positive initial loss yet) counts as 1.
        /// </summary>
        private void WriteWeightsGradient(TaskStep step, bool[] present, double[] norms, double[] normsOfWeighted)
        {
            var losses = step.Losses.Select(loss => HostValues(loss)[0]).ToArray();
            var initial = RecordInitialLosses(losses, present);
            var ratios = losses.Select((loss, i) => loss / initial[i] is var ratio && double.IsFinite(ratio) ? ratio : 1).ToArray();
            var presentIndices = Enumerable.Range(0, present.Length).Where(i => present[i]).ToArray();
            var meanRatio = presentIndices.Average(i => ratios[i]);
            var meanNorm = presentIndices.Average(i => normsOfWeighted[i]);
            var gradient = new double[present.Length];
            foreach (var i in presentIndices)
            {
                var target = Math.Pow(ratios[i] / meanRatio, alpha) * meanNorm;
                gradient[i] = Math.Sign(normsOfWeighted[i] - target) * norms[i];
            }

            using var written = WeightTensor(gradient, weights.device);
            weights.grad = written;
        }

        /// <summary>
        /// The initial losses on the host, after recording <paramref name="losses"/> for every present task that has none yet and a
        /// positive loss; the buffer is written only when one was recorded.
        /// </summary>
        private double[] RecordInitialLosses(double[] losses, bool[] present)
        {
            var initial = HostValues(initial_losses);
            var recorded = false;
            for (var i = 0; i < initial.Length; i++)
            {
                if (present[i] && double.IsNaN(initial[i]) && losses[i] > 0)
                {
                    initial[i] = losses[i];
                    recorded = true;
                }
            }

            if (recorded)
            {
                using var noGrad = torch.no_grad();
                using var values = torch.tensor(initial, dtype: initial_losses.dtype, device: initial_losses.device);
                initial_losses.copy_(values);
            }

            return initial;
        }

        /// <inheritdoc />
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                minimumWeight.Dispose();
                taskCount.Dispose();
                ones.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
