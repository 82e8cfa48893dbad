using System;

namespace MultiTask
{
    /// <summary>
    /// Decays by <see cref="Gamma"/> every <see cref="StepSize"/> epochs: factor = <c>gamma^floor((epoch-1)/stepSize)</c>,
    /// constant within an epoch. Matches torch's <c>torch.optim.lr_scheduler.StepLR(step_size, gamma)</c> stepped once per epoch.
    /// </summary>
    public sealed class StepSchedule : LearningRateSchedule
    {
        /// <summary>Creates the schedule.</summary>
        /// <param name="stepSize">Epochs between two decays (at least 1).</param>
        /// <param name="gamma">Multiplier applied at every decay (positive, finite).</param>
        /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
        public StepSchedule(int stepSize, double gamma = 0.1)
        {
            if (stepSize < 1)
            {
                throw OutOfRange(nameof(stepSize), stepSize, "must be at least 1");
            }

            CheckPositiveFinite(nameof(gamma), gamma);
            StepSize = stepSize;
            Gamma = gamma;
        }

        /// <summary>Epochs between two decays.</summary>
        public int StepSize { get; }

        /// <summary>Multiplier applied at every decay.</summary>
        public double Gamma { get; }

        /// <inheritdoc/>
        public override double Factor(int epoch, long step, int? stepsPerEpoch)
        {
            CheckFactorArguments(epoch, step, stepsPerEpoch);
            return Math.Pow(Gamma, (epoch - 1) / StepSize);
        }
    }
}
