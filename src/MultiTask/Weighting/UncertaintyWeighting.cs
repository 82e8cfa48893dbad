using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// Homoscedastic uncertainty weighting (Kendall, Gal and Cipolla, "Multi-Task Learning Using Uncertainty to Weigh Losses
    /// for Scene Geometry and Semantics", CVPR 2018; <see cref="UncertaintyWeightingAttribute"/>). One learnable
    /// <c>s_i = log sigma_i^2</c> per task (parameter <c>log_variances</c>, zeros at the start), and the loss
    /// <c>sum_i c_i L_i exp(-s_i) + s_i / 2</c> with <c>c_i = 1/2</c> for a regression task and 1 for a classification or
    /// binary task, plus the auxiliary terms. For a regression task the term is smallest at <c>s_i = log L_i</c>. The weights
    /// applied are <c>c_i exp(-s_i)</c>; a task absent from a step (one input per task) adds nothing, its <c>s_i</c> included.
    /// </summary>
    public sealed class UncertaintyWeighting : LossWeighting
    {
        private readonly Parameter log_variances;
        private readonly DeviceConstant logScales;
        private readonly Scalar half = 0.5.ToScalar();

        /// <summary>Creates the log-variances for <paramref name="tasks"/>.</summary>
        public UncertaintyWeighting(IReadOnlyList<TaskDefinition> tasks)
            : base(nameof(UncertaintyWeighting), tasks)
        {
            log_variances = new Parameter(torch.zeros(tasks.Count));
            logScales = new DeviceConstant(tasks.Select(t => Math.Log(t is RegressionTask ? 0.5 : 1.0)));
            RegisterComponents();
        }

        /// <summary>The learnable log-variances <c>s_i</c>, <c>[K]</c>, in task order.</summary>
        public Parameter LogVariances => log_variances;

        /// <inheritdoc />
        public override Tensor Backward(TaskStep step, TaskGradients gradients)
        {
            ArgumentNullException.ThrowIfNull(step);
            using var losses = torch.stack(step.Losses);
            // c_i exp(-s_i) = exp(log c_i - s_i), and each task's term s_i / 2 + L_i w_i is one addcmul.
            using var weights = logScales.On(losses).sub(log_variances).exp_();
            using var regularizer = log_variances.mul(half);
            using var perTask = regularizer.addcmul(losses, weights, Scalars.One);
            using var present = PresentTerms(step, perTask);
            using var taskTotal = (present ?? perTask).sum();
            WithAuxiliary(step, taskTotal).backward();
            return weights.detach();
        }

        /// <summary>The terms of the tasks present in the step; null when all are (always with one shared input).</summary>
        private static Tensor? PresentTerms(TaskStep step, Tensor perTask)
        {
            var keep = PresentTasks(step);
            if (keep.All(p => p))
            {
                return null;
            }

            using var mask = torch.tensor(keep, device: perTask.device);
            return perTask.masked_fill(mask.logical_not(), Scalars.Zero);
        }

        /// <inheritdoc />
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                logScales.Dispose();
                half.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
