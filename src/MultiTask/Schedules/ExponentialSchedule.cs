using System;

namespace MultiTask
{
    /// <summary>
    /// Decays by <see cref="Gamma"/> after every epoch: factor = <c>gamma^(epoch-1)</c>, constant within an epoch.
    /// Matches torch's <c>torch.optim.lr_scheduler.ExponentialLR(gamma)</c> stepped once per epoch.
    /// </summary>
    public sealed class ExponentialSchedule : LearningRateSchedule
    {
        /// <summary>Creates the schedule.</summary>
        /// <param name="gamma">Multiplier applied after every epoch (positive, finite).</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="gamma"/> is not positive and finite.</exception>
        public ExponentialSchedule(double gamma)
        {
            CheckPositiveFinite(nameof(gamma), gamma);
            Gamma = gamma;
        }

        /// <summary>Multiplier applied after every epoch.</summary>
        public double Gamma { get; }

        /// <inheritdoc/>
        public override double Factor(int epoch, long step, int? stepsPerEpoch)
        {
            CheckFactorArguments(epoch, step, stepsPerEpoch);
            return Math.Pow(Gamma, epoch - 1);
        }
    }
}
