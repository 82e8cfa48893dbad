using System;
using System.IO;
using System.Linq;

namespace MultiTask
{
    /// <summary>The metric that picks the best checkpoint, read like early stopping's monitor.</summary>
    /// <typeparam name="TMetrics">The model's metrics record.</typeparam>
    /// <param name="Monitor">The value to watch, read from the validation metrics (the training metrics without validation data).</param>
    /// <param name="HigherIsBetter">True when larger values are better (accuracy), false for losses.</param>
    /// <param name="MinDelta">Smallest change that counts as an improvement.</param>
    public sealed record CheckpointMetric<TMetrics>(Func<TMetrics, double> Monitor, bool HigherIsBetter = false, double MinDelta = 0);

    /// <summary>
    /// Writes checkpoints of the run into a folder (docs/persistence.md): <c>epoch-NNNN.mtlckpt</c> every <see cref="Every"/>
    /// epochs, keeping the last <see cref="Keep"/> of them, and <c>best.mtlckpt</c> whenever <see cref="Best"/>'s metric improves.
    /// A checkpoint is written once its epoch is complete; a run that diverges or is interrupted writes none for that epoch,
    /// and an older file is deleted only after a newer one is in place, so the last good checkpoint stays. Resume with
    /// <c>trainer.Fit(train, validation, resumeFrom: Checkpoint.Latest(folder))</c>.
    /// </summary>
    /// <typeparam name="TMetrics">The model's metrics record.</typeparam>
    public sealed class CheckpointCallback<TMetrics> : TrainingCallback<TMetrics>
    {
        /// <summary>The name of the best checkpoint's file in <see cref="Folder"/>.</summary>
        public const string BestFileName = "best" + Checkpoint.Extension;

        private double? bestValue;
        private int bestEpoch;

        /// <summary>Creates the callback; the folder is created when training starts.</summary>
        /// <param name="folder">Where the checkpoints go.</param>
        /// <param name="every">Epochs between two epoch checkpoints (every epoch whose number it divides); 0 for none.</param>
        /// <param name="keep">How many epoch checkpoints to keep, the latest; at least 1.</param>
        /// <param name="best">The metric of the best checkpoint, or null for none.</param>
        public CheckpointCallback(string folder, int every = 1, int keep = 3, CheckpointMetric<TMetrics>? best = null)
        {
            ArgumentException.ThrowIfNullOrEmpty(folder);
            ArgumentOutOfRangeException.ThrowIfNegative(every);
            ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
            if (every == 0 && best is null)
            {
                throw new ArgumentException("A checkpoint callback needs epoch checkpoints (every > 0) or a best metric.", nameof(every));
            }

            Folder = Path.GetFullPath(folder);
            Every = every;
            Keep = keep;
            Best = best;
        }

        /// <summary>The folder of the checkpoints (a full path).</summary>
        public string Folder { get; }

        /// <summary>Epochs between two epoch checkpoints; 0 for none.</summary>
        public int Every { get; }

        /// <summary>How many epoch checkpoints are kept.</summary>
        public int Keep { get; }

        /// <summary>The metric of the best checkpoint, or null.</summary>
        public CheckpointMetric<TMetrics>? Best { get; }

        /// <summary>The epoch of the best checkpoint, or null before the metric was first seen.</summary>
        public int? BestEpoch => bestValue is null ? null : bestEpoch;

        /// <summary>The path of the best checkpoint (written once the metric has been seen).</summary>
        public string BestPath => Path.Combine(Folder, BestFileName);

        /// <inheritdoc />
        public override void OnFitStart(FitStart<TMetrics> fit) => Directory.CreateDirectory(Folder);

        /// <inheritdoc />
        public override void OnEpochEnd(EpochEnd<TMetrics> epoch)
        {
            ArgumentNullException.ThrowIfNull(epoch);
            if (Every > 0 && epoch.Epoch % Every == 0)
            {
                epoch.SaveCheckpoint(Path.Combine(Folder, Checkpoint.EpochFileName(epoch.Epoch)), Prune);
            }

            if (Best is { } best && MonitoredValue.Read(best.Monitor, epoch.Monitored, epoch.Epoch, "The best checkpoint") is var value && Improvement.Improves(value, bestValue, best.HigherIsBetter, best.MinDelta))
            {
                (bestValue, bestEpoch) = (value, epoch.Epoch);
                epoch.SaveCheckpoint(BestPath);
            }
        }

        /// <summary>Saves the best value and its epoch.</summary>
        public override void SaveState(TrainingState state)
        {
            ArgumentNullException.ThrowIfNull(state);
            state.Set("best", bestValue ?? double.NaN);
            state.Set("best_epoch", bestEpoch);
        }

        /// <inheritdoc />
        public override void LoadState(TrainingState state)
        {
            ArgumentNullException.ThrowIfNull(state);
            var (value, epoch) = (state.GetDouble("best"), state.GetInt64("best_epoch"));
            (bestValue, bestEpoch) = (double.IsNaN(value) ? null : value, checked((int)epoch));
        }

        /// <summary>Deletes every epoch checkpoint but the latest <see cref="Keep"/>.</summary>
        private void Prune()
        {
            var files = Checkpoint.EpochFiles(Folder).ToList();
            foreach (var (_, path) in files.Take(files.Count - Keep))
            {
                File.Delete(path);
            }
        }
    }
}
