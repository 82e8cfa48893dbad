using System;

namespace MultiTask
{
    /// <summary>
    /// Built in when <see cref="TrainingOptions{TMetrics}.EarlyStopping"/> is set: watches its monitor after every epoch,
    /// stops the run after <see cref="EarlyStopping{TMetrics}.Patience"/> epochs without improvement, and at the end restores
    /// the weights of the best epoch when asked to. The best epoch goes into the history. Every <c>Fit</c> call starts afresh,
    /// as Keras's <c>EarlyStopping</c> does.
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
            ArgumentNullException.ThrowIfNull(fit);
            if (!fit.Resumed)
            {
                (bestValue, bestEpoch, epochsWithoutImprovement) = (null, 0, 0);
            }
        }

        /// <summary>Saves the best value, its epoch, the epochs without improvement and, when restoring them, the best weights.</summary>
        public override void SaveState(TrainingState state)
        {
            ArgumentNullException.ThrowIfNull(state);
            state.Set("best", bestValue ?? double.NaN);
            state.Set("best_epoch", bestEpoch);
            state.Set("epochs_without_improvement", epochsWithoutImprovement);
            best?.Save(state, "best_weights/");
        }

        /// <inheritdoc />
        public override void LoadState(TrainingState state)
        {
            ArgumentNullException.ThrowIfNull(state);
            var (value, epoch, waiting) = (state.GetDouble("best"), state.GetInt64("best_epoch"), state.GetInt64("epochs_without_improvement"));
            var weights = stopping.RestoreBestWeights ? WeightSnapshot.Load(state, "best_weights/", checked((int)epoch)) : null;
            best?.Dispose();
            best = weights;
            (bestValue, bestEpoch, epochsWithoutImprovement) = (double.IsNaN(value) ? null : value, checked((int)epoch), checked((int)waiting));
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

        private bool Improves(double value) => Improvement.Improves(value, bestValue, stopping.HigherIsBetter, stopping.MinDelta);
    }
}
