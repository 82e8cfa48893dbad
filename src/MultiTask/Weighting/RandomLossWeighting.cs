using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// Random Loss Weighting (Lin, Ye, Zhang and Tsang, "Reasonable Effectiveness of Random Weighting: A Litmus Test for
    /// Multi-Task Learning", TMLR 2022; <see cref="RandomLossWeightingAttribute"/>). Every step draws <c>z ~ N(0, I_K)</c> on the
    /// losses' device from torch's generator, so a run is reproducible from <c>TrainingOptions.Seed</c>, and back-propagates
    /// <c>sum_i w_i L_i</c> with <c>w = softmax(z)</c> over the tasks present in the step, plus the auxiliary terms, in one
    /// backward pass. The weights applied are <c>w</c>: they sum to 1, an absent task's is 0, and a task alone in a step gets 1.
    /// </summary>
    public sealed class RandomLossWeighting : LossWeighting
    {
        /// <summary>Creates the weighting for <paramref name="tasks"/>.</summary>
        public RandomLossWeighting(IReadOnlyList<TaskDefinition> tasks)
            : base(nameof(RandomLossWeighting), tasks)
        {
            RegisterComponents();
        }

        /// <inheritdoc />
        public override Tensor Backward(TaskStep step, TaskGradients gradients)
        {
            ArgumentNullException.ThrowIfNull(step);
            var like = step.Losses[0];
            // All K draws every step, whichever tasks are present, so the generator's stream does not depend on the data.
            using var logits = randn(Tasks.Count, dtype: like.dtype, device: like.device);
            var weights = SoftmaxOverPresent(step, logits);
            WeightedTotal(step, weights).backward();
            return weights;
        }
    }
}
