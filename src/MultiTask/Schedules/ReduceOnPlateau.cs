using System;

namespace MultiTask
{
    /// <summary>
    /// Reduces the factor when a monitored value stops improving. Matches torch's
    /// <c>torch.optim.lr_scheduler.ReduceLROnPlateau(mode, factor, patience, threshold, threshold_mode='rel', cooldown, min_lr = minFactor * base_lr)</c>
    /// stepped once per epoch with the monitored value.
    /// </summary>
    /// <remarks>
    /// <para>After every epoch, with value v = monitor(metrics) and the best value so far (initially +inf, or -inf when higher is better):</para>
    /// <list type="number">
    /// <item>v is an improvement when v &lt; best * (1 - threshold) (higher is better: v &gt; best * (1 + threshold)), exactly as
    /// torch's 'rel' mode, also for negative values. An improvement sets best = v and resets the count of bad epochs, anything
    /// else adds one bad epoch. Unlike torch, where NaN silently counts as a bad epoch, a NaN value (a task without any present
    /// label) throws <see cref="InvalidOperationException"/>.</item>
    /// <item>During a cooldown (cooldown counter &gt; 0) the counter decreases by one and the count of bad epochs is reset.</item>
    /// <item>When the count of bad epochs exceeds <see cref="Patience"/> (so after patience + 1 bad epochs), the factor becomes
    /// max(factor * <see cref="ReductionFactor"/>, <see cref="MinFactor"/>), the cooldown counter is set to <see cref="Cooldown"/> and
    /// the count of bad epochs is reset.</item>
    /// </list>
    /// <para>
    /// Torch's <c>eps</c> (a reduction smaller than 1e-8 of the absolute learning rate is skipped) is not reproduced; the factor
    /// applies to every parameter group alike. The schedule is stateful: use one instance per training run.
    /// </para>
    /// </remarks>
    /// <typeparam name="TMetrics">The model's metrics record, passed to <see cref="OnEpochEnd"/>.</typeparam>
    public sealed class ReduceOnPlateau<TMetrics> : LearningRateSchedule
    {
        private readonly Func<TMetrics, double> monitor;
        private int cooldownCounter;

        /// <summary>Creates the schedule.</summary>
        /// <param name="monitor">The value to watch, read from the metrics passed to <see cref="OnEpochEnd"/>.</param>
        /// <param name="higherIsBetter">True when larger values are better (torch's mode 'max'), false for losses ('min').</param>
        /// <param name="factor">Multiplier applied at every reduction, in (0, 1).</param>
        /// <param name="patience">Epochs without improvement that are tolerated; the next one reduces the factor (at least 0).</param>
        /// <param name="threshold">Relative improvement needed to count as a new best (at least 0, finite).</param>
        /// <param name="cooldown">Epochs after a reduction during which bad epochs are not counted (at least 0).</param>
        /// <param name="minFactor">Lower bound of the factor, in [0, 1].</param>
        /// <exception cref="ArgumentNullException"><paramref name="monitor"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
        public ReduceOnPlateau(Func<TMetrics, double> monitor, bool higherIsBetter = false, double factor = 0.1, int patience = 10, double threshold = 1e-4, int cooldown = 0, double minFactor = 0)
        {
            ArgumentNullException.ThrowIfNull(monitor);
            if (!(factor > 0 && factor < 1))
            {
                throw OutOfRange(nameof(factor), factor, "must be greater than 0 and less than 1");
            }

            if (patience < 0)
            {
                throw OutOfRange(nameof(patience), patience, "must not be negative");
            }

            if (!(threshold >= 0) || double.IsInfinity(threshold))
            {
                throw OutOfRange(nameof(threshold), threshold, "must be non-negative and finite");
            }

            if (cooldown < 0)
            {
                throw OutOfRange(nameof(cooldown), cooldown, "must not be negative");
            }

            CheckUnitInterval(nameof(minFactor), minFactor);
            this.monitor = monitor;
            HigherIsBetter = higherIsBetter;
            ReductionFactor = factor;
            Patience = patience;
            Threshold = threshold;
            Cooldown = cooldown;
            MinFactor = minFactor;
            Best = higherIsBetter ? double.NegativeInfinity : double.PositiveInfinity;
        }

        /// <summary>True when larger monitored values are better.</summary>
        public bool HigherIsBetter { get; }

        /// <summary>Multiplier applied at every reduction (the constructor's <c>factor</c>).</summary>
        public double ReductionFactor { get; }

        /// <summary>Epochs without improvement that are tolerated before a reduction.</summary>
        public int Patience { get; }

        /// <summary>Relative improvement needed to count as a new best.</summary>
        public double Threshold { get; }

        /// <summary>Epochs after a reduction during which bad epochs are not counted.</summary>
        public int Cooldown { get; }

        /// <summary>Lower bound of the factor.</summary>
        public double MinFactor { get; }

        /// <summary>The factor applied now: 1 at first, multiplied by <see cref="ReductionFactor"/> at every reduction.</summary>
        public double CurrentFactor { get; private set; } = 1;

        /// <summary>The best monitored value so far (+inf, or -inf when higher is better, before the first epoch).</summary>
        public double Best { get; private set; }

        /// <summary>Epochs without improvement counted since the last improvement, reduction or cooldown epoch.</summary>
        public int BadEpochs { get; private set; }

        /// <inheritdoc/>
        public override double Factor(int epoch, long step, int? stepsPerEpoch)
        {
            CheckFactorArguments(epoch, step, stepsPerEpoch);
            return CurrentFactor;
        }

        /// <inheritdoc/>
        /// <exception cref="InvalidOperationException"><paramref name="metrics"/> is not a <typeparamref name="TMetrics"/>, or the monitored value is NaN.</exception>
        public override void OnEpochEnd(int epoch, object metrics)
        {
            if (metrics is not TMetrics typed)
            {
                throw new InvalidOperationException(
                    $"ReduceOnPlateau expected metrics of type {typeof(TMetrics).FullName} but got {metrics?.GetType().FullName ?? "null"}.");
            }

            Observe(MonitoredValue.Read(monitor, typed, epoch, "ReduceOnPlateau"));
        }

        /// <inheritdoc/>
        public override void SaveState(TrainingState state)
        {
            ArgumentNullException.ThrowIfNull(state);
            state.Set("factor", CurrentFactor);
            state.Set("best", Best);
            state.Set("bad_epochs", BadEpochs);
            state.Set("cooldown", cooldownCounter);
        }

        /// <inheritdoc/>
        public override void LoadState(TrainingState state)
        {
            ArgumentNullException.ThrowIfNull(state);
            var (factor, best, bad, cooldown) = (state.GetDouble("factor"), state.GetDouble("best"), state.GetInt64("bad_epochs"), state.GetInt64("cooldown"));
            (CurrentFactor, Best, BadEpochs, cooldownCounter) = (factor, best, checked((int)bad), checked((int)cooldown));
        }

        /// <summary>One epoch's step with the monitored value, as torch's <c>ReduceLROnPlateau.step(metrics)</c>.</summary>
        private void Observe(double value)
        {
            if (IsImprovement(value))
            {
                Best = value;
                BadEpochs = 0;
            }
            else
            {
                BadEpochs++;
            }

            if (cooldownCounter > 0)
            {
                cooldownCounter--;
                BadEpochs = 0;
            }

            if (BadEpochs > Patience)
            {
                CurrentFactor = Math.Max(CurrentFactor * ReductionFactor, MinFactor);
                cooldownCounter = Cooldown;
                BadEpochs = 0;
            }
        }

        /// <summary>Torch's 'rel' comparison.</summary>
        private bool IsImprovement(double value)
            => HigherIsBetter ? value > Best * (1 + Threshold) : value < Best * (1 - Threshold);
    }
}
