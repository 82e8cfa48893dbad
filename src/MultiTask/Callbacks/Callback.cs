using System;

namespace MultiTask
{
    /// <summary>
    /// Callbacks from a delegate, for the one-liners: <c>Callbacks = [Callback.AtEpochEnd&lt;DigitModel.Metrics&gt;(e => Console.WriteLine(e.Result))]</c>.
    /// Unlike <c>System.Progress&lt;T&gt;</c>, which posts to the thread pool and may report after <c>Fit</c> has returned, they run
    /// synchronously, in order, inside <c>Fit</c>.
    /// </summary>
    public static class Callback
    {
        /// <summary>Calls <paramref name="action"/> after every epoch (it may call <see cref="EpochEnd{TMetrics}.Stop"/>).</summary>
        public static TrainingCallback<TMetrics> AtEpochEnd<TMetrics>(Action<EpochEnd<TMetrics>> action)
        {
            ArgumentNullException.ThrowIfNull(action);
            return new Delegating<TMetrics>(action, null);
        }

        /// <summary>Calls <paramref name="action"/> after every optimizer step (its tensors are on the device; reading one syncs).</summary>
        public static TrainingCallback<TMetrics> AtStepEnd<TMetrics>(Action<StepEnd> action)
        {
            ArgumentNullException.ThrowIfNull(action);
            return new Delegating<TMetrics>(null, action);
        }

        private sealed class Delegating<TMetrics>(Action<EpochEnd<TMetrics>>? epochEnd, Action<StepEnd>? stepEnd) : TrainingCallback<TMetrics>
        {
            public override void OnEpochEnd(EpochEnd<TMetrics> epoch) => epochEnd?.Invoke(epoch);

            public override void OnStepEnd(StepEnd step) => stepEnd?.Invoke(step);
        }
    }
}
