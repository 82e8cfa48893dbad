using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// Projecting conflicting gradients (Yu et al., "Gradient Surgery for Multi-Task Learning", NeurIPS 2020;
    /// <see cref="PCGradAttribute"/>). Every step: the gradients <c>g_i</c> of the present tasks' losses on the shared
    /// parameters; for each task i, the other present tasks j in a random order (torch's generator, so a seed reproduces it),
    /// <c>g_i' -= (g_i' . g_j / ||g_j||^2) g_j</c> whenever <c>g_i' . g_j &lt; 0</c>, against the unprojected <c>g_j</c>; the shared
    /// gradient is <c>sum_i g_i'</c>. The heads get the gradients of their own losses, the auxiliary terms their declared
    /// weights everywhere. The weights reported are 1 for a present task and 0 for an absent one: the surgery changes
    /// directions, not loss weights. A task alone in a step steps on its own gradient.
    /// </summary>
    public sealed class PCGrad : LossWeighting
    {
        private const double Epsilon = 1e-8;

        /// <summary>Creates the method for <paramref name="tasks"/>.</summary>
        public PCGrad(IReadOnlyList<TaskDefinition> tasks)
            : base(nameof(PCGrad), tasks)
        {
        }

        /// <inheritdoc />
        public override Tensor Backward(TaskStep step, TaskGradients gradients)
        {
            ArgumentNullException.ThrowIfNull(step);
            ArgumentNullException.ThrowIfNull(gradients);
            var present = PresentTasks(step);
            var taskGradients = gradients.OnSharedParameters(step.Losses);
            using var projected = Project(taskGradients, present);
            using var combined = projected.sum(dim: 0);
            BackwardWithSharedGradient(step, gradients, combined);

            return torch.tensor(present.Select(p => p ? 1f : 0f).ToArray(), device: taskGradients.device);
        }

        /// <summary>
        /// The surgery on <paramref name="taskGradients"/> <c>[K, D]</c>: row i is <c>g_i</c> projected onto the normal plane of every
        /// present <c>g_j</c> (j != i, in a random order from torch's generator) it has a negative dot product with; an absent
        /// task's row is zero. A new <c>[K, D]</c> tensor.
        /// </summary>
        public static Tensor Project(Tensor taskGradients, IReadOnlyList<bool> present)
        {
            ArgumentNullException.ThrowIfNull(taskGradients);
            ArgumentNullException.ThrowIfNull(present);
            using var noGrad = torch.no_grad();
            var count = (int)taskGradients.size(0);
            var rows = new Tensor[count];
            for (var i = 0; i < count; i++)
            {
                if (!present[i])
                {
                    rows[i] = torch.zeros_like(taskGradients[i]);
                    continue;
                }

                var others = Enumerable.Range(0, count).Where(j => j != i && present[j]).ToArray();
                var order = others.Length == 0 ? [] : RandomOrder(others.Length);
                var row = taskGradients[i].clone();
                foreach (var position in order)
                {
                    using var other = taskGradients[others[position]];
                    var dot = row.dot(other).ToDouble();
                    if (dot < 0)
                    {
                        var squaredNorm = other.dot(other).ToDouble();
                        using var factor = (dot / (squaredNorm + Epsilon)).ToScalar();
                        using var step = other.mul(factor);
                        row.sub_(step);
                    }
                }

                rows[i] = row;
            }

            var result = torch.stack(rows);
            foreach (var row in rows)
            {
                row.Dispose();
            }

            return result;
        }

        private static long[] RandomOrder(int count)
        {
            using var permutation = torch.randperm(count);
            return permutation.data<long>().ToArray();
        }
    }
}
