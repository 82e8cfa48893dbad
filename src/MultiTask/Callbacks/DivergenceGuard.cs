using System;
using System.Linq;

namespace MultiTask
{
    /// <summary>
    /// Built in, first of the callbacks: after every epoch, when a training or validation loss is NaN or infinite, or the
    /// epoch's mean training loss exceeds <see cref="ExplosionFactor"/> times the loss of the run's first batch (an
    /// exploding run: Adam at lr 1e6 reaches 1e27), restores the weights of the last good epoch (the initial ones before
    /// the first) and throws <see cref="TrainingDivergedException"/>.
    /// </summary>
    /// <typeparam name="TMetrics">The model's metrics record.</typeparam>
    public sealed class DivergenceGuard<TMetrics> : TrainingCallback<TMetrics>
    {
        private WeightSnapshot? lastGood;
        private double? reference;

        /// <summary>Creates the guard.</summary>
        /// <param name="explosionFactor">How far above the first batch's loss an epoch's mean training loss may go; null to check only for NaN and infinity.</param>
        public DivergenceGuard(double? explosionFactor)
        {
            if (explosionFactor is { } factor && !(factor > 1))
            {
                throw new ArgumentOutOfRangeException(nameof(explosionFactor), factor, "The explosion factor must be greater than 1.");
            }

            ExplosionFactor = explosionFactor;
        }

        /// <summary>How far above the first batch's loss an epoch's mean training loss may go; null for no explosion check.</summary>
        public double? ExplosionFactor { get; }

        /// <inheritdoc />
        public override void OnFitStart(FitStart<TMetrics> fit)
        {
            ArgumentNullException.ThrowIfNull(fit);
            lastGood?.Dispose();
            lastGood = new WeightSnapshot(fit.Model) { Epoch = fit.FirstEpoch - 1 };
        }

        /// <inheritdoc />
        public override void OnFitEnd(FitEnd<TMetrics> fit) => Release();

        /// <inheritdoc />
        public override void OnEpochEnd(EpochEnd<TMetrics> epoch)
        {
            ArgumentNullException.ThrowIfNull(epoch);
            var snapshot = lastGood ?? throw new InvalidOperationException("OnFitStart was not called.");
            if (reference is null && double.IsFinite(epoch.Train.FirstBatchLoss) && epoch.Train.FirstBatchLoss != 0)
            {
                reference = Math.Abs(epoch.Train.FirstBatchLoss);
            }

            foreach (var result in new[] { epoch.Train, epoch.Validation })
            {
                if (result is not null && NonFinite(result) is { } task)
                {
                    var loss = result.Tasks.FirstOrDefault(t => t.Task == task)?.Loss ?? result.Loss;
                    snapshot.Restore(epoch.Model);
                    Release();
                    throw new TrainingDivergedException(task, epoch.Epoch, loss, snapshot.Epoch);
                }
            }

            if (ExplosionFactor is { } factor && reference is { } first && Math.Abs(epoch.Train.Loss) > factor * first)
            {
                snapshot.Restore(epoch.Model);
                Release();
                throw new TrainingDivergedException(epoch.Epoch, epoch.Train.Loss, first, factor, snapshot.Epoch);
            }

            snapshot.Update(epoch.Model, epoch.Epoch);
        }

        /// <summary>Saves the loss of the run's first batch, the reference of the explosion check (the last good weights are the checkpoint's).</summary>
        public override void SaveState(TrainingState state)
        {
            ArgumentNullException.ThrowIfNull(state);
            state.Set("reference", reference ?? double.NaN);
        }

        /// <inheritdoc />
        public override void LoadState(TrainingState state)
        {
            ArgumentNullException.ThrowIfNull(state);
            var saved = state.GetDouble("reference");
            reference = double.IsNaN(saved) ? null : saved;
        }

        /// <summary>Frees the weight copy between <c>Fit</c> calls (the live-tensor count is back where it was).</summary>
        private void Release()
        {
            lastGood?.Dispose();
            lastGood = null;
        }

        private static string? NonFinite(EvaluationResult result)
        {
            if (result.NonFiniteTask is { } task)
            {
                return task;
            }

            return double.IsFinite(result.Loss) ? null : "total";
        }
    }
}
