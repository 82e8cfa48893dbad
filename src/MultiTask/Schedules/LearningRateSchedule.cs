using System;
using System.Globalization;

namespace MultiTask
{
    /// <summary>
    /// A learning-rate schedule: a multiplier of every optimizer parameter group's base learning rate, so per-task
    /// learning rates keep their ratios. The trainer sets group lr = base lr of the group * <see cref="Factor"/> before
    /// every optimizer step.
    /// </summary>
    /// <remarks>
    /// A schedule may keep state (<see cref="ReduceOnPlateau{TMetrics}"/> does): use a new instance for every training run.
    /// </remarks>
    public abstract class LearningRateSchedule
    {
        /// <summary>The multiplier for the optimizer step about to run.</summary>
        /// <param name="epoch">1-based number of the epoch running.</param>
        /// <param name="step">Number of optimizer steps already taken in the whole run before this one (0 for the first step).</param>
        /// <param name="stepsPerEpoch">Batches per epoch when known (after the first epoch the trainer always knows it), else null.</param>
        /// <returns>The factor applied to every parameter group's base learning rate.</returns>
        public abstract double Factor(int epoch, long step, int? stepsPerEpoch);

        /// <summary>
        /// Called by the trainer after every epoch with that epoch's typed metrics (validation metrics when there is
        /// validation data, else training metrics). Default: nothing.
        /// </summary>
        /// <param name="epoch">1-based number of the epoch that ended.</param>
        /// <param name="metrics">The model's metrics record for that epoch.</param>
        public virtual void OnEpochEnd(int epoch, object metrics) { }

        /// <summary>Writes the schedule's state (counters, best values) into a checkpoint's <paramref name="state"/>. Default: nothing.</summary>
        /// <param name="state">The schedule's part of the checkpoint.</param>
        public virtual void SaveState(TrainingState state) { }

        /// <summary>Restores what <see cref="SaveState"/> wrote, checking every entry before changing anything. Default: nothing.</summary>
        /// <param name="state">The schedule's part of the checkpoint.</param>
        public virtual void LoadState(TrainingState state) { }

        /// <summary>Per epoch: <c>gamma^floor((epoch-1)/stepSize)</c>, as torch's <c>StepLR</c>.</summary>
        /// <param name="stepSize">Epochs between two decays (at least 1).</param>
        /// <param name="gamma">Multiplier applied at every decay (positive, finite).</param>
        /// <returns>A <see cref="StepSchedule"/>.</returns>
        public static LearningRateSchedule Step(int stepSize, double gamma = 0.1) => new StepSchedule(stepSize, gamma);

        /// <summary>Per epoch: <c>gamma^(epoch-1)</c>, as torch's <c>ExponentialLR</c>.</summary>
        /// <param name="gamma">Multiplier applied after every epoch (positive, finite).</param>
        /// <returns>An <see cref="ExponentialSchedule"/>.</returns>
        public static LearningRateSchedule Exponential(double gamma) => new ExponentialSchedule(gamma);

        /// <summary>Per step: a linear warm-up, then cosine annealing to <paramref name="minFactor"/> at the end of the run (see <see cref="CosineSchedule"/>).</summary>
        /// <param name="epochs">Epochs of the run (at least 1).</param>
        /// <param name="minFactor">Factor reached at the end of the run, in [0, 1].</param>
        /// <param name="warmupSteps">Optimizer steps of linear warm-up (0 for none).</param>
        /// <returns>A <see cref="CosineSchedule"/>.</returns>
        public static LearningRateSchedule Cosine(int epochs, double minFactor = 0, int warmupSteps = 0) => new CosineSchedule(epochs, minFactor, warmupSteps);

        /// <summary>Per step: <c>min(1, (step+1)/warmupSteps)</c> (see <see cref="LinearWarmupSchedule"/>).</summary>
        /// <param name="warmupSteps">Optimizer steps of warm-up (0 for none).</param>
        /// <returns>A <see cref="LinearWarmupSchedule"/>.</returns>
        public static LearningRateSchedule LinearWarmup(int warmupSteps) => new LinearWarmupSchedule(warmupSteps);

        /// <summary>Reduces the factor when a monitored value stops improving, as torch's <c>ReduceLROnPlateau</c> (see <see cref="ReduceOnPlateau{TMetrics}"/>).</summary>
        /// <typeparam name="TMetrics">The model's metrics record.</typeparam>
        /// <param name="monitor">The value to watch, read from the metrics passed to <see cref="OnEpochEnd"/>.</param>
        /// <param name="higherIsBetter">True when larger values are better (torch's mode 'max'), false for losses ('min').</param>
        /// <param name="factor">Multiplier applied at every reduction, in (0, 1).</param>
        /// <param name="patience">Epochs without improvement that are tolerated; the next one reduces the factor.</param>
        /// <param name="threshold">Relative improvement needed to count as a new best (torch's threshold_mode 'rel').</param>
        /// <param name="cooldown">Epochs after a reduction during which bad epochs are not counted.</param>
        /// <param name="minFactor">Lower bound of the factor, in [0, 1].</param>
        /// <returns>A <see cref="ReduceOnPlateau{TMetrics}"/>.</returns>
        public static ReduceOnPlateau<TMetrics> ReduceOnPlateau<TMetrics>(Func<TMetrics, double> monitor, bool higherIsBetter = false, double factor = 0.1, int patience = 10, double threshold = 1e-4, int cooldown = 0, double minFactor = 0)
            => new(monitor, higherIsBetter, factor, patience, threshold, cooldown, minFactor);

        /// <summary>Checks the arguments of <see cref="Factor"/>.</summary>
        /// <param name="epoch">At least 1.</param>
        /// <param name="step">At least 0.</param>
        /// <param name="stepsPerEpoch">Null or at least 1.</param>
        protected static void CheckFactorArguments(int epoch, long step, int? stepsPerEpoch)
        {
            if (epoch < 1)
            {
                throw OutOfRange(nameof(epoch), epoch, "must be at least 1 (epochs are numbered from 1)");
            }

            if (step < 0)
            {
                throw OutOfRange(nameof(step), step, "must not be negative");
            }

            if (stepsPerEpoch is < 1)
            {
                throw OutOfRange(nameof(stepsPerEpoch), stepsPerEpoch.Value, "must be at least 1 when known");
            }
        }

        /// <summary>An <see cref="ArgumentOutOfRangeException"/> whose message names the parameter, the requirement and the value.</summary>
        private protected static ArgumentOutOfRangeException OutOfRange(string name, object value, string requirement)
            => new(name, value, string.Create(CultureInfo.InvariantCulture, $"{name} {requirement}; it was {value}."));

        /// <summary>Throws unless <paramref name="value"/> is positive and finite.</summary>
        private protected static void CheckPositiveFinite(string name, double value)
        {
            if (!(value > 0) || double.IsInfinity(value))
            {
                throw OutOfRange(name, value, "must be positive and finite");
            }
        }

        /// <summary>Throws unless <paramref name="value"/> is in [0, 1].</summary>
        private protected static void CheckUnitInterval(string name, double value)
        {
            if (!(value >= 0 && value <= 1))
            {
                throw OutOfRange(name, value, "must be between 0 and 1");
            }
        }
    }
}
