using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// The default weighting (<see cref="StaticWeightingAttribute"/>): back-propagates the declared total
    /// <c>sum_i w_i L_i</c> plus the auxiliary terms, the model's <c>Losses.Total</c>, in one backward pass. The weights
    /// applied are the declared ones (<see cref="TaskDefinition.Weight"/>).
    /// </summary>
    public sealed class StaticWeighting : LossWeighting
    {
        private readonly DeviceConstant weights;

        /// <summary>Creates the weighting for <paramref name="tasks"/>.</summary>
        public StaticWeighting(IReadOnlyList<TaskDefinition> tasks)
            : base(nameof(StaticWeighting), tasks)
        {
            weights = new DeviceConstant(tasks.Select(t => t.Weight));
            RegisterComponents();
        }

        /// <inheritdoc />
        public override Tensor Backward(TaskStep step, TaskGradients gradients)
        {
            ArgumentNullException.ThrowIfNull(step);
            step.Total.backward();
            return weights.On(step.Total);
        }

        /// <inheritdoc />
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                weights.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
