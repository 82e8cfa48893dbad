using System;
using System.Collections;
using System.Collections.Generic;

namespace MultiTask
{
    /// <summary>The epochs of a training run.</summary>
    /// <typeparam name="TMetrics">The model's metrics record.</typeparam>
    public sealed class TrainingHistory<TMetrics> : IReadOnlyList<EpochResult<TMetrics>>
    {
        private readonly List<EpochResult<TMetrics>> epochs = [];

        /// <summary>An empty history (the trainer fills it).</summary>
        public TrainingHistory()
        {
        }

        /// <summary>A history of <paramref name="epochs"/>, in order (histories joined across <c>Fit</c> calls, or built for a report).</summary>
        public TrainingHistory(IEnumerable<EpochResult<TMetrics>> epochs)
        {
            ArgumentNullException.ThrowIfNull(epochs);
            this.epochs.AddRange(epochs);
        }

        /// <summary>The best epoch by the early-stopping monitor; null without early stopping.</summary>
        public int? BestEpoch { get; internal set; }

        /// <summary>Whether a callback (early stopping, or one of the user's) ended the run before its last epoch.</summary>
        public bool StoppedEarly => StopReason is not null;

        /// <summary>Why the run ended before its last epoch (the stopping callback's words); null when it ran every epoch.</summary>
        public string? StopReason { get; internal set; }

        /// <inheritdoc />
        public int Count => epochs.Count;

        /// <inheritdoc />
        public EpochResult<TMetrics> this[int index] => epochs[index];

        /// <inheritdoc />
        public IEnumerator<EpochResult<TMetrics>> GetEnumerator() => epochs.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        internal void Add(EpochResult<TMetrics> epoch) => epochs.Add(epoch);
    }
}
