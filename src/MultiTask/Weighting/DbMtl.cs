using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// Dual-balancing multi-task learning (Lin et al., "Dual-Balancing for Multi-Task Learning", arXiv:2308.12029, 2023;
    /// <see cref="DbMtlAttribute"/>). Every step: the gradients <c>g_i</c> of <c>log(L_i + eps)</c> on the shared parameters
    /// (the loss-scale balance), their moving averages <c>m_i = g_i + (beta / t^sigma) (m_i - g_i)</c> at step t, and the
    /// shared gradient <c>sum_i a_i m_i</c> with <c>a_i = max_j ||m_j|| / ||m_i||</c> (the gradient-magnitude balance); the
    /// heads get the gradients of <c>sum_i log(L_i + eps)</c>, and the auxiliary terms their declared weights everywhere. The
    /// weights applied are the <c>a_i</c>. A task absent from a step is left out: its <c>m_i</c> keeps its value, its weight is
    /// 0; a task alone in a step gets weight 1 and steps on the moving average of its own log-loss gradient. The averages
    /// and the step count live in the method, not in the state dict: a new model starts them again, a checkpoint keeps them
    /// (<see cref="SaveState"/>).
    /// </summary>
    public sealed class DbMtl : LossWeighting
    {
        private const double Epsilon = 1e-8;

        private double beta = 0.9;
        private readonly double betaSigma;
        private readonly Scalar epsilon = Epsilon.ToScalar();
        private DeviceConstant constantMove = new([0.1]);
        private Tensor? averages;
        private long steps;

        /// <summary>Creates the weighting for <paramref name="tasks"/>.</summary>
        public DbMtl(IReadOnlyList<TaskDefinition> tasks)
            : base(nameof(DbMtl), tasks)
        {
            RegisterComponents();
        }

        /// <summary>The moving average's factor beta, in [0, 1); default 0.9.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 1).</exception>
        public double Beta
        {
            get => beta;
            init
            {
                if (!(value >= 0 && value < 1))
                {
                    throw new ArgumentOutOfRangeException(nameof(Beta), value, "The DB-MTL beta must be in [0, 1).");
                }

                beta = value;
                constantMove.Dispose();
                constantMove = new([1 - value]);
            }
        }

        /// <summary>The decay sigma of beta over the steps, <c>beta / t^sigma</c>; at least 0, default 0.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
        public double BetaSigma
        {
            get => betaSigma;
            init
            {
                if (!(value >= 0) || double.IsInfinity(value))
                {
                    throw new ArgumentOutOfRangeException(nameof(BetaSigma), value, "The DB-MTL beta sigma must be a finite number of at least 0.");
                }

                betaSigma = value;
            }
        }

        /// <inheritdoc />
        public override Tensor Backward(TaskStep step, TaskGradients gradients)
        {
            ArgumentNullException.ThrowIfNull(step);
            ArgumentNullException.ThrowIfNull(gradients);
            var present = PresentTasks(step);
            // grad log(L + eps) = grad L / (L + eps): each loss back-propagated with 1 / (L + eps) as its output gradient, no log in
            // the graph. An absent task's placeholder reaches no parameter and needs no scale.
            var scales = step.Losses.Select((loss, i) => present[i] ? InverseShifted(loss) : null).ToArray();
            var taskGradients = gradients.OnSharedParametersAndOthers(step.Losses, scales);
            steps++;
            var weights = UpdateAndWeigh(taskGradients, present);
            BackwardWithSharedGradient(step, gradients, gradients.Combine(averages!, weights), () => PresentLogTotal(step, present));
            return weights;
        }

        /// <summary><c>1 / (L + eps)</c>, outside the graph.</summary>
        private Tensor InverseShifted(Tensor loss)
        {
            using var noGrad = torch.no_grad();
            return loss.add(epsilon).reciprocal_();
        }

        /// <summary><c>sum_i log(L_i + eps)</c> over the present tasks, in the graph: what the heads step on.</summary>
        private Tensor PresentLogTotal(TaskStep step, bool[] present)
            => present.Any(p => p) ? LossSum.Of(step.Losses.Where((_, i) => present[i]).Select(loss => loss.add(epsilon).log_()).ToArray()) : step.Losses[0];

        /// <inheritdoc />
        public override void SaveState(TrainingState state)
        {
            ArgumentNullException.ThrowIfNull(state);
            state.Set("steps", steps);
            if (averages is not null)
            {
                state.Set("averages", averages);
            }
        }

        /// <inheritdoc />
        public override void LoadState(TrainingState state)
        {
            ArgumentNullException.ThrowIfNull(state);
            var count = state.GetInt64("steps");
            var saved = state.Contains("averages") ? state.Get("averages") : null;
            if (saved is not null && (saved.dim() != 2 || saved.size(0) != Tasks.Count))
            {
                throw new ArgumentException($"The DB-MTL averages in the state are [{string.Join(", ", saved.shape)}]; {Tasks.Count} tasks need [{Tasks.Count}, D].");
            }

            var device = averages?.device ?? torch.CPU;
            averages?.Dispose();
            averages = saved?.to(device, copy: true).DetachFromDisposeScope();
            steps = count;
        }

        /// <summary>Moves the present tasks' averages toward <paramref name="taskGradients"/> and returns the weights <c>a_i</c> (0 for an absent task).</summary>
        private Tensor UpdateAndWeigh(Tensor taskGradients, bool[] present)
        {
            using var noGrad = torch.no_grad();
            averages ??= torch.zeros_like(taskGradients).DetachFromDisposeScope();
            if (averages.device_type != taskGradients.device_type || averages.device_index != taskGradients.device_index)
            {
                // Restored from a checkpoint on the host, before the first step showed the device.
                var onDevice = averages.to(taskGradients.device).DetachFromDisposeScope();
                averages.Dispose();
                averages = onDevice;
            }

            // m + (1 - decay) (g - m) = g + decay (m - g), in place.
            using var step = MoveWeight(averages);
            if (present.All(p => p))
            {
                averages.lerp_(taskGradients, step);
            }
            else
            {
                using var rows = torch.tensor(present, device: averages.device);
                using var moved = averages.lerp(taskGradients, step);
                using var kept = moved.where(rows.unsqueeze(1), averages);
                averages.copy_(kept);
            }

            // The K norms are read once; the ratios are K host divisions.
            using var norms = averages.norm(1, keepdim: false);
            var values = HostValues(norms);
            var largest = Enumerable.Range(0, values.Length).Where(i => present[i]).Select(i => values[i]).DefaultIfEmpty(0).Max();
            return WeightTensor(values.Select((norm, i) => present[i] ? largest / (norm + Epsilon) : 0), averages.device);
        }

        /// <summary><c>1 - beta / t^sigma</c> at this step, a 0-dimensional tensor on the device of <paramref name="like"/> (made once when sigma is 0).</summary>
        private Tensor MoveWeight(Tensor like)
        {
            if (betaSigma == 0)
            {
                var constant = constantMove.On(like);
                return constant.dtype == like.dtype ? constant.alias() : constant.to(like.dtype);
            }

            return torch.tensor(1 - (beta / Math.Pow(steps, betaSigma)), dtype: like.dtype, device: like.device);
        }

        /// <inheritdoc />
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                averages?.Dispose();
                constantMove.Dispose();
                epsilon.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
