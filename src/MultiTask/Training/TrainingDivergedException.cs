using System;

namespace MultiTask
{
    /// <summary>An epoch's loss became NaN or infinite, or exploded; the weights of the last finite epoch (or the initial ones) were restored.</summary>
    public sealed class TrainingDivergedException : Exception
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="task">The task whose loss is not finite (<c>total</c> when only the total is).</param>
        /// <param name="epoch">The 1-based epoch.</param>
        /// <param name="loss">The non-finite loss.</param>
        /// <param name="restoredEpoch">The epoch whose weights were restored; 0 for the initial weights.</param>
        public TrainingDivergedException(string task, int epoch, double loss, int restoredEpoch)
            : base($"Training diverged in epoch {epoch}: the loss of task '{task}' is {loss}. "
                + Restored(restoredEpoch))
        {
            Task = task;
            Epoch = epoch;
            Loss = loss;
            RestoredEpoch = restoredEpoch;
        }

        /// <summary>Creates the exception for an exploding run: the epoch's mean loss is over <paramref name="factor"/> times the first batch's.</summary>
        /// <param name="epoch">The 1-based epoch.</param>
        /// <param name="loss">The epoch's mean training loss.</param>
        /// <param name="firstBatchLoss">The loss of the run's first batch.</param>
        /// <param name="factor">The explosion factor (<c>TrainingOptions.ExplosionFactor</c>).</param>
        /// <param name="restoredEpoch">The epoch whose weights were restored; 0 for the initial weights.</param>
        public TrainingDivergedException(int epoch, double loss, double firstBatchLoss, double factor, int restoredEpoch)
            : base($"Training diverged in epoch {epoch}: the mean training loss {loss:G4} is over {factor:G4} times the first batch's {firstBatchLoss:G4} (TrainingOptions.ExplosionFactor). "
                + Restored(restoredEpoch))
        {
            Task = "total";
            Epoch = epoch;
            Loss = loss;
            RestoredEpoch = restoredEpoch;
        }

        /// <summary>The task whose loss is not finite (<c>total</c> when only the total is, or the run exploded).</summary>
        public string Task { get; }

        /// <summary>The 1-based epoch in which the loss stopped being finite.</summary>
        public int Epoch { get; }

        /// <summary>The non-finite loss.</summary>
        public double Loss { get; }

        /// <summary>The epoch whose weights were restored; 0 for the initial weights.</summary>
        public int RestoredEpoch { get; }

        private static string Restored(int epoch) => epoch == 0 ? "The initial weights were restored." : $"The weights after epoch {epoch} were restored.";
    }
}
