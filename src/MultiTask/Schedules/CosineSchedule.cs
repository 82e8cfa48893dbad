using System;

namespace MultiTask
{
    /// <summary>
    /// A linear warm-up, then cosine annealing from 1 to <see cref="MinFactor"/> over the rest of the run, per optimizer step.
    /// </summary>
    /// <remarks>
    /// <para>With w = <see cref="WarmupSteps"/> and T = epochs * stepsPerEpoch total steps:</para>
    /// <list type="bullet">
    /// <item>during warm-up (step &lt; w): factor = (step+1)/w;</item>
    /// <item>after it: progress p = (step - w) / max(1, T - w), clamped to [0, 1], and
    /// factor = minFactor + (1 - minFactor) * (1 + cos(pi p)) / 2.</item>
    /// </list>
    /// <para>
    /// While stepsPerEpoch is unknown (null, in the first epoch) T cannot be computed, and the annealing is epoch-granular:
    /// p = (epoch - 1) / epochs, clamped to [0, 1] (so 0 in the first epoch: factor 1 once warmed up). The warm-up, counted
    /// in steps, applies either way.
    /// </para>
    /// <para>
    /// After the warm-up this matches torch's <c>CosineAnnealingLR(T_max = T - w, eta_min = minFactor * base_lr)</c> stepped once
    /// per optimizer step (chained after a linear warm-up, as in <c>SequentialLR(LinearLR, CosineAnnealingLR)</c>), except that
    /// past the end of the run the factor stays at minFactor instead of rising again.
    /// </para>
    /// </remarks>
    public sealed class CosineSchedule : LearningRateSchedule
    {
        /// <summary>Creates the schedule.</summary>
        /// <param name="epochs">Epochs of the run (at least 1).</param>
        /// <param name="minFactor">Factor reached at the end of the run, in [0, 1].</param>
        /// <param name="warmupSteps">Optimizer steps of linear warm-up (0 for none).</param>
        /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
        public CosineSchedule(int epochs, double minFactor = 0, int warmupSteps = 0)
        {
            if (epochs < 1)
            {
                throw OutOfRange(nameof(epochs), epochs, "must be at least 1");
            }

            CheckUnitInterval(nameof(minFactor), minFactor);
            if (warmupSteps < 0)
            {
                throw OutOfRange(nameof(warmupSteps), warmupSteps, "must not be negative");
            }

            Epochs = epochs;
            MinFactor = minFactor;
            WarmupSteps = warmupSteps;
        }

        /// <summary>Epochs of the run.</summary>
        public int Epochs { get; }

        /// <summary>Factor reached at the end of the run.</summary>
        public double MinFactor { get; }

        /// <summary>Optimizer steps of linear warm-up.</summary>
        public int WarmupSteps { get; }

        /// <inheritdoc/>
        public override double Factor(int epoch, long step, int? stepsPerEpoch)
        {
            CheckFactorArguments(epoch, step, stepsPerEpoch);
            if (step < WarmupSteps)
            {
                return (step + 1) / (double)WarmupSteps;
            }

            double progress;
            if (stepsPerEpoch is int perEpoch)
            {
                var total = (long)Epochs * perEpoch;
                progress = (step - WarmupSteps) / (double)Math.Max(1, total - WarmupSteps);
            }
            else
            {
                progress = (epoch - 1) / (double)Epochs;
            }

            progress = Math.Clamp(progress, 0, 1);
            return MinFactor + ((1 - MinFactor) * (1 + Math.Cos(Math.PI * progress)) / 2);
        }
    }
}
