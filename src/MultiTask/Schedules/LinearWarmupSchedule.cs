using System;

namespace MultiTask
{
    /// <summary>
    /// A linear warm-up, then constant: factor = <c>(step+1)/warmupSteps</c> while <c>step &lt; warmupSteps</c>, then 1
    /// (always 1 when warmupSteps is 0). Matches torch's
    /// <c>LinearLR(start_factor=1/warmupSteps, end_factor=1, total_iters=warmupSteps-1)</c> stepped once per optimizer step,
    /// or <c>LambdaLR(lambda s: min(1, (s+1)/warmupSteps))</c>.
    /// </summary>
    public sealed class LinearWarmupSchedule : LearningRateSchedule
    {
        /// <summary>Creates the schedule.</summary>
        /// <param name="warmupSteps">Optimizer steps of warm-up (0 for none).</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="warmupSteps"/> is negative.</exception>
        public LinearWarmupSchedule(int warmupSteps)
        {
            if (warmupSteps < 0)
            {
                throw OutOfRange(nameof(warmupSteps), warmupSteps, "must not be negative");
            }

            WarmupSteps = warmupSteps;
        }

        /// <summary>Optimizer steps of warm-up.</summary>
        public int WarmupSteps { get; }

        /// <inheritdoc/>
        public override double Factor(int epoch, long step, int? stepsPerEpoch)
        {
            CheckFactorArguments(epoch, step, stepsPerEpoch);
            return step < WarmupSteps ? (step + 1) / (double)WarmupSteps : 1;
        }
    }
}
