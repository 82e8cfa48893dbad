using System;

namespace MultiTask
{
    /// <summary>
    /// Built in when <see cref="TrainingOptions{TMetrics}.EarlyStopping"/> is set: watches its monitor after every epoch,
    /// stops the run after <see cref="EarlyStopping{TMetrics}.Patience"/> epochs without improvement, and at the end restores
    /// the weights of the best epoch when asked to. The best epoch goes into the history. Every <c>Fit</c> call starts afresh,
    /// as Keras's <c>EarlyStopping</c> does. A monitored value that is NaN (a task without any present label) throws
    /// <see cref="InvalidOperationException"/> rather than leaving the first epoch the best.
    /// </summary>
    /// <typeparam name="TMetrics">The model's metrics record.</typeparam>
    public sealed class EarlyStoppingCallback<TMetrics> : TrainingCallback<TMetrics>
    {
        private readonly EarlyStopping<TMetrics> stopping;
        private WeightSnapshot? best;
        private double? bestValue;
        private int bestEpoch;
        private int epochsWithoutImprovement;

        /// <summary>Watches <paramref name="stopping"/>'s monitor.</summary>
        public EarlyStoppingCallback(EarlyStopping<TMetrics> stopping)
        {
            ArgumentNullException.ThrowIfNull(stopping);
            if (stopping.Patience < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(stopping), stopping.Patience, "Patience cannot be negative.");
            }

            this.stopping = stopping;
        }

        /// <inheritdoc />
        public override void OnFitStart(FitStart<TMetrics> fit)
        {
            (bestValue, bestEpoch, epochsWithoutImprovement) = (null, 0, 0);
        }

        /// <inheritdoc />
        public override void OnEpochEnd(EpochEnd<TMetrics> epoch)
        {
            ArgumentNullException.ThrowIfNull(epoch);
            var value = MonitoredValue.Read(stopping.Monitor, epoch.Monitored, epoch.Epoch, "Early stopping");
            if (Improves(value))
            {
                bestValue = value;
                bestEpoch = epoch.Epoch;
                epochsWithoutImprovement = 0;
                if (stopping.RestoreBestWeights)
                {
                    best ??= new WeightSnapshot(epoch.Model);
                    best.Update(epoch.Model, epoch.Epoch);
                }
            }
            else if (++epochsWithoutImprovement >= stopping.Patience)
            {
                epoch.Stop($"early stopping: no improvement for {epochsWithoutImprovement} epochs (best {bestValue} in epoch {bestEpoch})");
            }
        }

        /// <inheritdoc />
        public override void OnFitEnd(FitEnd<TMetrics> fit)
        {
            ArgumentNullException.ThrowIfNull(fit);
            if (bestValue is not null)
            {
                fit.History.BestEpoch = bestEpoch;
            }

            var history = fit.History;
            if (best is not null && history.Count > 0 && best.Epoch != history[history.Count - 1].Epoch)
            {
                best.Restore(fit.Model);
            }

            best?.Dispose();
            best = null;
        }

        private bool Improves(double value)
        {
            if (bestValue is not { } previous)
            {
                return true;
            }

            return stopping.HigherIsBetter ? value > previous + stopping.MinDelta : value < previous - stopping.MinDelta;
        }
    }
}
