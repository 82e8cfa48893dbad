using System;

namespace MultiTask
{
    /// <summary>An epoch's loss became NaN or infinite; the weights of the last finite epoch (or the initial ones) were restored.</summary>
    public sealed class TrainingDivergedException : Exception
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="task">The task whose loss is not finite (<c>total</c> when only the total is).</param>
        /// <param name="epoch">The 1-based epoch.</param>
        /// <param name="loss">The non-finite loss.</param>
        /// <param name="restoredEpoch">The epoch whose weights were restored; 0 for the initial weights.</param>
        public TrainingDivergedException(string task, int epoch, double loss, int restoredEpoch)
            : base($"Training diverged in epoch {epoch}: the loss of task '{task}' is {loss}. "
                + (restoredEpoch == 0 ? "The initial weights were restored." : $"The weights after epoch {restoredEpoch} were restored."))
        {
            Task = task;
            Epoch = epoch;
            Loss = loss;
            RestoredEpoch = restoredEpoch;
        }

        /// <summary>The task whose loss is not finite (<c>total</c> when only the total is).</summary>
        public string Task { get; }

        /// <summary>The 1-based epoch in which the loss stopped being finite.</summary>
        public int Epoch { get; }

        /// <summary>The non-finite loss.</summary>
        public double Loss { get; }

        /// <summary>The epoch whose weights were restored; 0 for the initial weights.</summary>
        public int RestoredEpoch { get; }
    }
}
