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
            var absent = AbsentMask(step, losses.device);
            var weights = Weights(losses);
            using var applied = absent is null ? weights.alias() : weights.masked_fill(absent, Scalars.Zero);
            // The weights are constants of the graph: the losses get them as their gradients, and the log-variances' gradient
            // 1/2 - c_i L_i exp(-s_i) is written directly, with fewer graph nodes than back-propagating through exp.
            using var weighted = losses.mul(applied);
            using var taskTotal = weighted.sum();
            var total = WithAuxiliary(step, taskTotal);
            if (total.requires_grad)
            {
                total.backward();
            }

            WriteLogVarianceGradient(weighted, absent);
            absent?.Dispose();
            return weights;
        }

        /// <summary>The weights <c>c_i exp(-s_i) = exp(log c_i - s_i)</c> <c>[K]</c>, outside the graph.</summary>
        private Tensor Weights(Tensor losses)
        {
            using var noGrad = torch.no_grad();
            return logScales.On(losses).sub(log_variances).exp_();
        }

        /// <summary>Sets the log-variances' <c>.grad</c> to <c>1/2 - weighted</c>, zero for an absent task.</summary>
        private void WriteLogVarianceGradient(Tensor weighted, Tensor? absent)
        {
            if (!log_variances.requires_grad)
            {
                return;
            }

            using var noGrad = torch.no_grad();
            using var gradient = weighted.neg().add_(half);
            if (absent is not null)
            {
                gradient.masked_fill_(absent, Scalars.Zero);
            }

            using var existing = log_variances.grad;
            if (existing is null)
            {
                log_variances.grad = gradient.clone();
            }
            else
            {
                existing.copy_(gradient);
            }
        }

        /// <summary>True where a task is absent from the step; null when all are present (always with one shared input).</summary>
        private static Tensor? AbsentMask(TaskStep step, Device device)
        {
            if (AllPresent(step))
            {
                return null;
            }

            return torch.tensor(PresentTasks(step).Select(p => !p).ToArray(), device: device);
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
