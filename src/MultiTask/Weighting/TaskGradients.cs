using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// The gradient helper of a <see cref="LossWeighting"/>: each task's gradient on the shared parameters as one
    /// <c>[K, D]</c> matrix (one <c>autograd.grad</c> per task, the graph retained) or on the shared representation, and the
    /// write-back of a combined vector into the shared parameters' <c>.grad</c>. Temporaries belong to the step's dispose scope.
    /// </summary>
    public sealed class TaskGradients
    {
        private readonly Parameter[] shared;

        /// <summary>Creates the helper over <paramref name="sharedParameters"/>, in a fixed order (the columns of the matrices).</summary>
        public TaskGradients(IReadOnlyList<Parameter> sharedParameters)
        {
            ArgumentNullException.ThrowIfNull(sharedParameters);
            shared = sharedParameters.ToArray();
            SharedSize = shared.Sum(p => p.numel());
        }

        /// <summary>The shared parameters, in column order.</summary>
        public IReadOnlyList<Parameter> SharedParameters => shared;

        /// <summary>D, the number of shared parameter elements.</summary>
        public long SharedSize { get; }

        /// <summary>
        /// <c>[K, D]</c>: row i is the gradient of <paramref name="losses"/>[i] with respect to the shared parameters, flattened in
        /// <see cref="SharedParameters"/> order; zero for a parameter the loss does not reach (or an absent task). The graph is
        /// retained, so a backward pass may follow.
        /// </summary>
        public Tensor OnSharedParameters(IReadOnlyList<Tensor> losses)
        {
            ArgumentNullException.ThrowIfNull(losses);
            if (shared.Length == 0)
            {
                throw new InvalidOperationException("The model has no shared parameters (no trunk, encoder or expert layer); this weighting needs them.");
            }

            var rows = new Tensor[losses.Count];
            for (var i = 0; i < losses.Count; i++)
            {
                rows[i] = Flatten(Gradients(losses[i], shared), shared);
            }

            return torch.stack(rows);
        }

        /// <summary>
        /// Each task's gradient with respect to what its head reads (<see cref="TaskStep.Representation"/>), flattened: with one
        /// shared representation a <c>[K, N * W]</c> matrix; with one per task, a list of <c>[N_i * W]</c> vectors (null for an
        /// absent task). The graph is retained.
        /// </summary>
        public IReadOnlyList<Tensor?> OnRepresentation(TaskStep step)
        {
            ArgumentNullException.ThrowIfNull(step);
            var representation = step.Representation
                ?? throw new InvalidOperationException("The model has no shared representation (no trunk, encoder or expert layer); this weighting needs one.");
            var gradients = new Tensor?[step.Losses.Count];
            for (var i = 0; i < step.Losses.Count; i++)
            {
                if (representation[i] is not { } read || !step.IsPresent(i))
                {
                    continue;
                }

                gradients[i] = Flatten(Gradients(step.Losses[i], [read]), [read]);
            }

            return gradients;
        }

        /// <summary>Sets the shared parameters' <c>.grad</c> to <paramref name="combined"/> <c>[D]</c>, split in <see cref="SharedParameters"/> order.</summary>
        public void WriteShared(Tensor combined)
        {
            ArgumentNullException.ThrowIfNull(combined);
            if (combined.dim() != 1 || combined.size(0) != SharedSize)
            {
                throw new ArgumentException($"Expected a combined gradient of shape [{SharedSize}], got {Shapes.Format(combined)}.", nameof(combined));
            }

            using var noGrad = torch.no_grad();
            long offset = 0;
            foreach (var parameter in shared)
            {
                var count = parameter.numel();
                using var slice = combined.narrow(0, offset, count);
                using var shaped = slice.view(parameter.shape);
                if (parameter.grad is { } grad)
                {
                    grad.copy_(shaped);
                }
                else
                {
                    parameter.grad = shaped.clone();
                }

                offset += count;
            }
        }

        private static IList<Tensor?> Gradients(Tensor loss, IList<Tensor> inputs)
        {
            if (!loss.requires_grad)
            {
                return new Tensor?[inputs.Count];
            }

            return torch.autograd.grad([loss], inputs, retain_graph: true, allow_unused: true)!;
        }

        private static Tensor Flatten(IList<Tensor?> gradients, IList<Tensor> inputs)
        {
            var parts = new Tensor[inputs.Count];
            for (var j = 0; j < inputs.Count; j++)
            {
                // An input the loss does not reach (an absent task's placeholder loss) comes back undefined: an invalid handle, not null.
                parts[j] = gradients[j] is { IsInvalid: false } g ? g.reshape(-1) : torch.zeros(inputs[j].numel(), dtype: inputs[j].dtype, device: inputs[j].device);
            }

            return parts.Length == 1 ? parts[0] : torch.cat(parts);
        }
    }
}
