using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// Dynamic Weight Average (Liu, Johns and Davison, "End-to-End Multi-Task Learning with Attention", CVPR 2019;
    /// <see cref="DwaAttribute"/>). After every epoch t-1 each task's rate of descent <c>r_i = Lbar_i(t-1) / Lbar_i(t-2)</c> of
    /// its mean training loss sets the next epoch's weights <c>w = K softmax(r / T)</c>; every weight is 1 until two epochs
    /// have ended. One backward pass of <c>sum_i w_i L_i</c> plus the auxiliary terms per step. In a step with absent tasks
    /// the weights are <c>n softmax(r / T)</c> over the n tasks present: an absent task's weight is 0, and a task alone gets 1.
    /// The last two epochs' losses and the weights are buffers (<c>lossWeighting.epoch_losses</c>,
    /// <c>lossWeighting.weights</c>), so a checkpoint resumes them.
    /// </summary>
    public sealed class Dwa : LossWeighting
    {
        private readonly Tensor epoch_losses;
        private readonly Tensor weights;
        private readonly double temperature = 2;

        /// <summary>Creates the weighting for <paramref name="tasks"/>: weights 1 until two epochs have ended.</summary>
        public Dwa(IReadOnlyList<TaskDefinition> tasks)
            : base(nameof(Dwa), tasks)
        {
            using (var unknown = double.NaN.ToScalar())
            {
                epoch_losses = torch.full(2, tasks.Count, unknown, dtype: ScalarType.Float64).DetachFromDisposeScope();
            }

            weights = torch.ones(tasks.Count).DetachFromDisposeScope();
            RegisterComponents();
        }

        /// <summary>The softmax temperature T, greater than 0; default 2.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The value is not greater than 0.</exception>
        public double Temperature
        {
            get => temperature;
            init
            {
                if (!(value > 0) || double.IsInfinity(value))
                {
                    throw new ArgumentOutOfRangeException(nameof(Temperature), value, "The DWA temperature must be a finite number greater than 0.");
                }

                temperature = value;
            }
        }

        /// <inheritdoc />
        public override Tensor Backward(TaskStep step, TaskGradients gradients)
        {
            ArgumentNullException.ThrowIfNull(step);
            var present = PresentTasks(step);
            var applied = present.All(p => p) ? weights : AmongPresent(present);
            WeightedTotal(step, applied).backward();
            return applied;
        }

        /// <summary>
        /// Records the epoch's mean task losses and, once two epochs have ended, sets the next epoch's weights. A task whose
        /// rate is undefined (no data in one of the two epochs, or a zero or non-finite loss) gets <c>r_i = 1</c>, the rate of
        /// a loss that does not move.
        /// </summary>
        public override void OnEpochEnd(int epoch, IReadOnlyList<double> taskLosses)
        {
            ArgumentNullException.ThrowIfNull(taskLosses);
            if (taskLosses.Count != Tasks.Count)
            {
                throw new ArgumentException($"Expected {Tasks.Count} task losses, got {taskLosses.Count}.", nameof(taskLosses));
            }

            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            var previous = epoch_losses[1].cpu().data<double>().ToArray();
            var current = taskLosses.ToArray();
            epoch_losses.copy_(torch.tensor(previous.Concat(current).ToArray(), dtype: ScalarType.Float64).view(2, Tasks.Count));
            if (previous.All(double.IsNaN))
            {
                // The first epoch has ended: the weights stay 1 for the second.
                return;
            }

            var exps = Enumerable.Range(0, Tasks.Count).Select(i => Math.Exp(Rate(previous[i], current[i]) / temperature)).ToArray();
            weights.copy_(torch.tensor(exps.Select(e => (float)(Tasks.Count * e / exps.Sum())).ToArray()));
        }

        /// <summary><c>n softmax(r / T)</c> over the n present tasks, from the K-task weights: each present weight times <c>n / sum_present w_j</c>.</summary>
        private Tensor AmongPresent(bool[] present)
        {
            if (!present.Any(p => p))
            {
                return torch.zeros_like(weights);
            }

            using var absent = torch.tensor(present, device: weights.device).logical_not_();
            using var kept = weights.masked_fill(absent, Scalars.Zero);
            using var total = kept.sum();
            using var count = ((double)present.Count(p => p)).ToScalar();
            using var scale = total.reciprocal().mul_(count);
            return kept.mul(scale);
        }

        private static double Rate(double before, double after)
        {
            var rate = after / before;
            return double.IsFinite(rate) && before > 0 && after >= 0 ? rate : 1;
        }
    }
}
