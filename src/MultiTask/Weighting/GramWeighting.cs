using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// A gradient method whose shared step is a weighted sum of the present tasks' gradients on the shared parameters, the
    /// weights computed from those gradients' Gram matrix <c>g_i . g_j</c> alone (CAGrad, IMTL-G, Aligned-MTL, UPGrad, Nash-MTL): the
    /// gradients, the Gram matrix of the present tasks, the weighted sum as the shared gradient, each head on its own loss.
    /// A method is its <see cref="WeightsFromGram"/>; an absent task gets weight 0.
    /// </summary>
    public abstract class GramWeighting : LossWeighting
    {
        /// <summary>Creates the method named <paramref name="name"/> for <paramref name="tasks"/>.</summary>
        protected GramWeighting(string name, IReadOnlyList<TaskDefinition> tasks)
            : base(name, tasks)
        {
        }

        /// <inheritdoc />
        public sealed override Tensor Backward(TaskStep step, TaskGradients gradients)
        {
            ArgumentNullException.ThrowIfNull(step);
            ArgumentNullException.ThrowIfNull(gradients);
            var present = PresentTasks(step);
            var presentIndices = Enumerable.Range(0, present.Length).Where(i => present[i]).ToArray();
            var taskGradients = gradients.OnSharedParametersAndOthers(step.Losses);
            var weights = new double[present.Length];
            if (presentIndices.Length > 0)
            {
                // An absent task's row is zero: the present tasks' Gram matrix is a submatrix of the whole one.
                var presentWeights = WeightsFromGram(Submatrix(GramMatrix(taskGradients), presentIndices));
                for (var k = 0; k < presentIndices.Length; k++)
                {
                    weights[presentIndices[k]] = presentWeights[k];
                }
            }

            var applied = WeightTensor(weights, taskGradients.device);
            BackwardWithSharedGradient(step, gradients, gradients.Combine(applied));
            return applied;
        }

        /// <summary>The weights of the present tasks' gradients (in their order) from their Gram matrix <paramref name="gram"/>.</summary>
        protected abstract double[] WeightsFromGram(double[,] gram);
    }
}
