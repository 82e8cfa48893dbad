using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// Fast Adaptive Multitask Optimization (Liu, Feng, Stone and Liu, "FAMO: Fast Adaptive Multitask Optimization", NeurIPS
    /// 2023; <see cref="FamoAttribute"/>), as in its authors' code. Logits <c>xi</c> (buffer <c>logits</c>, zeros at the start)
    /// give <c>z = softmax(xi)</c>; the model steps on <c>sum_i z_i log(L_i + eps) / c</c> with <c>c = sum_i z_i / (L_i + eps)</c>
    /// held constant, whose gradient is that of <c>sum_i a_i L_i</c> with <c>a_i = z_i / (c (L_i + eps))</c>: the weights
    /// applied, back-propagated in one pass with the auxiliary terms. After the optimizer step (<see cref="AfterStep"/>) the
    /// same batch's losses <c>L_i'</c> at the new weights, without gradients, give <c>delta_i = log(L_i + eps) - log(L_i' + eps)</c>,
    /// and the logits take one Adam step (PyTorch's: L2 weight decay added to the gradient, betas 0.9 and 0.999, eps 1e-8) on
    /// the gradient <c>(dz/dxi)^T delta = z * (delta - z . delta)</c>. Their Adam moments and step count are buffers too
    /// (<c>logits_exp_avg</c>, <c>logits_exp_avg_sq</c>, <c>logits_steps</c>), so the state dict holds the whole state. The
    /// post-step forward runs in training mode, as the authors' does (dropout draws its own masks).
    /// <para>
    /// A task absent from a step (one input per task) is left out of the softmax: its <c>z_i</c> and weight are 0 and its
    /// <c>delta_i</c> too, so its logit only decays (the weight decay and Adam's momentum still act on every logit). A task alone
    /// in a step gets <c>z = 1</c> and steps on <c>log(L + eps)</c>; its logit's gradient is 0.
    /// </para>
    /// </summary>
    public sealed class Famo : LossWeighting
    {
        /// <summary>The eps of <c>log(L_i + eps)</c>, as in the authors' code.</summary>
        public const double Epsilon = 1e-8;

        private const double Beta1 = 0.9;
        private const double Beta2 = 0.999;
        private const double AdamEpsilon = 1e-8;

        private readonly Tensor logits;
        private readonly Tensor logits_exp_avg;
        private readonly Tensor logits_exp_avg_sq;
        private readonly Tensor logits_steps;
        private double learningRate = 0.025;
        private double weightDecay = 0.001;
        private Scalar negativeLearningRate = (-0.025).ToScalar();
        private Scalar weightDecayScalar = 0.001.ToScalar();
        private static readonly Scalar Keep2 = Beta2.ToScalar();
        private static readonly Scalar Take2 = (1 - Beta2).ToScalar();
        private static readonly Scalar AdamEpsilonScalar = AdamEpsilon.ToScalar();
        private static readonly Scalar EpsilonScalar = Epsilon.ToScalar();

        /// <summary><c>1 - beta1</c> as a tensor: the first moment's update is one <c>lerp_</c>, whose weight is a tensor.</summary>
        private readonly DeviceConstant take1 = new([1 - Beta1]);
        private readonly DeviceConstant logBetas = new([Math.Log(Beta1), Math.Log(Beta2)]);
        private (Tensor Z, Tensor LogLosses)? pending;
        private (double[] Z, double[] LogLosses)? hostPending;

        /// <summary>Creates the logits, all 0 (equal weights), for <paramref name="tasks"/>.</summary>
        public Famo(IReadOnlyList<TaskDefinition> tasks)
            : base(nameof(Famo), tasks)
        {
            logits = torch.zeros(tasks.Count).DetachFromDisposeScope();
            logits_exp_avg = torch.zeros(tasks.Count).DetachFromDisposeScope();
            logits_exp_avg_sq = torch.zeros(tasks.Count).DetachFromDisposeScope();
            logits_steps = torch.zeros(1).DetachFromDisposeScope();
            RegisterComponents();
        }

        /// <summary>The learning rate of the logits' Adam, greater than 0; default 0.025.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The value is not greater than 0, or not finite.</exception>
        public double LearningRate
        {
            get => learningRate;
            init
            {
                if (!(value > 0) || double.IsInfinity(value))
                {
                    throw new ArgumentOutOfRangeException(nameof(LearningRate), value, "The FAMO learning rate must be a finite number greater than 0.");
                }

                learningRate = value;
                negativeLearningRate.Dispose();
                negativeLearningRate = (-value).ToScalar();
            }
        }

        /// <summary>The weight decay gamma of the logits' Adam, at least 0; default 0.001.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
        public double WeightDecay
        {
            get => weightDecay;
            init
            {
                if (!(value >= 0) || double.IsInfinity(value))
                {
                    throw new ArgumentOutOfRangeException(nameof(WeightDecay), value, "The FAMO weight decay must be a finite number of at least 0.");
                }

                weightDecay = value;
                weightDecayScalar.Dispose();
                weightDecayScalar = value.ToScalar();
            }
        }

        /// <summary>The weight logits <c>xi</c>, <c>[K]</c>, in task order.</summary>
        public Tensor Logits => logits;

        /// <inheritdoc />
        public override Tensor Backward(TaskStep step, TaskGradients gradients)
        {
            ArgumentNullException.ThrowIfNull(step);
            ForgetPendingStep();
            if (OnHost)
            {
                return BackwardOnHost(step);
            }

            var z = SoftmaxOverPresent(step, logits);
            using var losses = torch.stack(step.Losses);
            if (!PresentTasks(step).Any(p => p))
            {
                WeightedTotal(step, losses, z).backward();
                return z;
            }

            using var detached = losses.detach();
            using var shifted = detached.dtype == z.dtype ? detached.add(EpsilonScalar) : detached.to(z.dtype).add_(EpsilonScalar);
            var weights = z.div(shifted);
            using (var c = weights.sum())
            {
                weights.div_(c);
            }

            WeightedTotal(step, losses, weights).backward();
            pending = (z.DetachFromDisposeScope(), shifted.log().DetachFromDisposeScope());
            return weights;
        }

        /// <summary>The logits' Adam step on <c>(dz/dxi)^T delta</c>, from the same batch's losses after the model's step.</summary>
        public override void AfterStep(TaskStep step, Func<IReadOnlyList<Tensor>> lossesAfterStep)
        {
            ArgumentNullException.ThrowIfNull(step);
            ArgumentNullException.ThrowIfNull(lossesAfterStep);
            if (hostPending is var (hostZ, hostBefore))
            {
                AfterStepOnHost(hostZ, hostBefore, lossesAfterStep);
                ForgetPendingStep();
                return;
            }

            if (pending is not var (z, before))
            {
                return;
            }

            using var noGrad = torch.no_grad();
            using var after = torch.stack(lossesAfterStep());
            using var logAfter = after.dtype == before.dtype ? after.add(EpsilonScalar) : after.to(before.dtype).add_(EpsilonScalar);

            // delta, then the logits' gradient, in place of the step's log-losses (forgotten below).
            var delta = before.sub_(logAfter.log_());
            if (PresentTasks(step).Any(p => !p))
            {
                // An absent task's z_i is 0; its delta_i is set to 0 too, so that its placeholder loss cannot reach the projection.
                using var absent = z.eq(Scalars.Zero);
                delta.masked_fill_(absent, Scalars.Zero);
            }

            using (var projection = z.dot(delta))
            {
                delta.sub_(projection).mul_(z);
            }

            AdamStep(delta);
            ForgetPendingStep();
        }

        /// <summary>
        /// Whether the logits and their Adam state are float32 on the CPU: then the K-element work of a step is done in doubles on
        /// the host (each buffer read and written once), not by tensor operations that cost more to dispatch than to compute.
        /// </summary>
        private bool OnHost => logits.device_type == DeviceType.CPU && logits.dtype == ScalarType.Float32 && ContiguousBuffers();

        private bool ContiguousBuffers() => logits.is_contiguous() && logits_exp_avg.is_contiguous() && logits_exp_avg_sq.is_contiguous() && logits_steps.is_contiguous();

        /// <summary><see cref="Backward"/> with <c>z</c> and the weights computed on the host; only the weights go back to a tensor.</summary>
        private Tensor BackwardOnHost(TaskStep step)
        {
            var present = PresentTasks(step);
            var z = SoftmaxOverPresent(present, StorageFloats(logits));
            using var losses = torch.stack(step.Losses);
            if (!present.Any(p => p))
            {
                var zeros = torch.zeros(present.Length);
                WeightedTotal(step, losses, zeros).backward();
                return zeros;
            }

            var values = HostValues(losses);
            var logLosses = new double[z.Length];
            var weights = new double[z.Length];
            for (var i = 0; i < z.Length; i++)
            {
                var shifted = values[i] + Epsilon;
                logLosses[i] = Math.Log(shifted);
                weights[i] = z[i] / shifted;
            }

            var c = weights.Sum();
            var weightsTensor = torch.tensor(weights.Select(w => (float)(w / c)).ToArray());
            WeightedTotal(step, losses, weightsTensor).backward();
            hostPending = (z, logLosses);
            return weightsTensor;
        }

        /// <summary><see cref="AfterStep"/> on the host: <c>delta</c>, the logits' gradient and their Adam step in doubles.</summary>
        private void AfterStepOnHost(double[] z, double[] logLossesBefore, Func<IReadOnlyList<Tensor>> lossesAfterStep)
        {
            double[] after;
            using (torch.no_grad())
            using (var stacked = torch.stack(lossesAfterStep()))
            {
                after = HostValues(stacked);
            }

            // An absent task's z_i is 0; its delta_i is 0 too, so that its placeholder loss cannot reach the projection.
            var gradient = new double[z.Length];
            var projection = 0.0;
            for (var i = 0; i < z.Length; i++)
            {
                gradient[i] = z[i] == 0 ? 0 : logLossesBefore[i] - Math.Log(after[i] + Epsilon);
                projection += z[i] * gradient[i];
            }

            for (var i = 0; i < z.Length; i++)
            {
                gradient[i] = z[i] * (gradient[i] - projection);
            }

            AdamStepOnHost(gradient);
        }

        /// <summary><see cref="AdamStep"/> in doubles on the host: each buffer read once and written back once.</summary>
        private void AdamStepOnHost(double[] gradient)
        {
            var xi = StorageFloats(logits);
            var m = StorageFloats(logits_exp_avg);
            var v = StorageFloats(logits_exp_avg_sq);
            float[] t = [StorageFloats(logits_steps)[0] + 1];
            var correction1 = 1 - Math.Pow(Beta1, t[0]);
            var correction2 = 1 - Math.Pow(Beta2, t[0]);
            for (var i = 0; i < xi.Length; i++)
            {
                var decayed = gradient[i] + (weightDecay * xi[i]);
                var first = m[i] + ((1 - Beta1) * (decayed - m[i]));
                var second = (Beta2 * v[i]) + ((1 - Beta2) * decayed * decayed);
                m[i] = (float)first;
                v[i] = (float)second;
                xi[i] = (float)(xi[i] - (learningRate * first / ((Math.Sqrt(second / correction2) + AdamEpsilon) * correction1)));
            }

            Write(logits, xi);
            Write(logits_exp_avg, m);
            Write(logits_exp_avg_sq, v);
            Write(logits_steps, t);
        }

        private static void Write(Tensor buffer, float[] values) => buffer.bytes = MemoryMarshal.AsBytes(new Span<float>(values));

        /// <summary><c>softmax(logits)</c> over the present tasks, in doubles: 0 for an absent task, all 0 when none is present.</summary>
        private static double[] SoftmaxOverPresent(bool[] present, float[] logits)
        {
            var max = double.NegativeInfinity;
            for (var i = 0; i < logits.Length; i++)
            {
                max = present[i] ? Math.Max(max, logits[i]) : max;
            }

            var z = new double[logits.Length];
            var sum = 0.0;
            for (var i = 0; i < logits.Length; i++)
            {
                z[i] = present[i] ? Math.Exp(logits[i] - max) : 0;
                sum += z[i];
            }

            for (var i = 0; i < z.Length && sum > 0; i++)
            {
                z[i] /= sum;
            }

            return z;
        }

        /// <summary>
        /// One step of PyTorch's Adam on the logits, with L2 weight decay added to <paramref name="gradient"/> in place; the step
        /// count stays on the device.
        /// </summary>
        private void AdamStep(Tensor gradient)
        {
            var decayed = gradient.add_(logits, weightDecayScalar);
            logits_exp_avg.lerp_(decayed, take1.On(logits));
            logits_exp_avg_sq.mul_(Keep2).addcmul_(decayed, decayed, Take2);
            logits_steps.add_(Scalars.One);

            // 1 - beta^t = -expm1(t log beta), for both betas at once; the update is lr * m / (c1 (sqrt(v / c2) + eps)).
            using var powers = logits_steps.mul(logBetas.On(logits_steps));
            using var corrections = powers.expm1_().neg_();
            using var correction1 = corrections[0];
            using var correction2 = corrections[1];
            using var denominator = logits_exp_avg_sq.div(correction2).sqrt_().add_(AdamEpsilonScalar).mul_(correction1);
            logits.addcdiv_(logits_exp_avg, denominator, negativeLearningRate);
        }

        private void ForgetPendingStep()
        {
            if (pending is var (z, before))
            {
                z.Dispose();
                before.Dispose();
            }

            pending = null;
            hostPending = null;
        }

        /// <inheritdoc />
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                ForgetPendingStep();
                take1.Dispose();
                logBetas.Dispose();
                negativeLearningRate.Dispose();
                weightDecayScalar.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
