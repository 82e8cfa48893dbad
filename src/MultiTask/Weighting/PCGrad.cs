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

        private readonly DeviceConstant allPresent;

        /// <summary>Creates the method for <paramref name="tasks"/>.</summary>
        public PCGrad(IReadOnlyList<TaskDefinition> tasks)
            : base(nameof(PCGrad), tasks)
        {
            allPresent = new DeviceConstant(tasks.Select(_ => 1.0));
        }

        /// <inheritdoc />
        public override Tensor Backward(TaskStep step, TaskGradients gradients)
        {
            ArgumentNullException.ThrowIfNull(step);
            ArgumentNullException.ThrowIfNull(gradients);
            var present = PresentTasks(step);
            var taskGradients = gradients.OnSharedParametersAndOthers(step.Losses);
            // sum_i g_i' is a combination of the original gradients: its weights are the column sums of the coefficients.
            var coefficients = Coefficients(GramMatrix(taskGradients), present);
            var count = present.Length;
            var weights = Enumerable.Range(0, count).Select(j => Enumerable.Range(0, count).Sum(i => coefficients[i, j]));
            using var combination = WeightTensor(weights, taskGradients.device);
            BackwardWithSharedGradient(step, gradients, gradients.Combine(combination));

            return present.All(p => p) ? allPresent.On(taskGradients).alias() : torch.tensor(present.Select(p => p ? 1f : 0f).ToArray(), device: taskGradients.device);
        }

        /// <summary>
        /// The surgery on <paramref name="taskGradients"/> <c>[K, D]</c>: row i is <c>g_i</c> projected onto the normal plane of every
        /// present <c>g_j</c> (j != i, in a random order from torch's generator) it has a negative dot product with; an absent
        /// task's row is zero. A new <c>[K, D]</c> tensor, <see cref="Coefficients"/> times <paramref name="taskGradients"/>.
        /// </summary>
        public static Tensor Project(Tensor taskGradients, IReadOnlyList<bool> present)
        {
            ArgumentNullException.ThrowIfNull(taskGradients);
            ArgumentNullException.ThrowIfNull(present);
            using var noGrad = torch.no_grad();
            var coefficients = Coefficients(GramMatrix(taskGradients), present);
            using var matrix = torch.tensor(coefficients, dtype: ScalarType.Float64).to(taskGradients.dtype, taskGradients.device);
            return matrix.mm(taskGradients);
        }

        /// <summary>
        /// The surgery in the span of the gradients, from their Gram matrix <paramref name="gram"/> alone: row i holds the coefficients
        /// of <c>g_i' = sum_k c[i, k] g_k</c>. Each projection <c>g_i' -= (g_i' . g_j / ||g_j||^2) g_j</c> changes only <c>c[i, j]</c>,
        /// and <c>g_i' . g_j = sum_k c[i, k] gram[k, j]</c>, so the whole surgery is K x K arithmetic on the host.
        /// </summary>
        public static double[,] Coefficients(double[,] gram, IReadOnlyList<bool> present)
        {
            ArgumentNullException.ThrowIfNull(gram);
            ArgumentNullException.ThrowIfNull(present);
            var count = present.Count;
            var coefficients = new double[count, count];
            for (var i = 0; i < count; i++)
            {
                if (!present[i])
                {
                    continue;
                }

                coefficients[i, i] = 1;
                var others = Enumerable.Range(0, count).Where(j => j != i && present[j]).ToArray();
                // One other task needs no draw (randperm(1) takes nothing from the generator either).
                var order = others.Length switch { 0 => [], 1 => [0L], _ => RandomOrder(others.Length) };
                foreach (var position in order)
                {
                    var j = others[position];
                    var dot = Enumerable.Range(0, count).Sum(k => coefficients[i, k] * gram[k, j]);
                    if (dot < 0)
                    {
                        coefficients[i, j] -= dot / (gram[j, j] + Epsilon);
                    }
                }
            }

            return coefficients;
        }

        /// <inheritdoc />
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                allPresent.Dispose();
            }

            base.Dispose(disposing);
        }

        private static long[] RandomOrder(int count)
        {
            using var permutation = torch.randperm(count);
            return permutation.data<long>().ToArray();
        }
    }
}
