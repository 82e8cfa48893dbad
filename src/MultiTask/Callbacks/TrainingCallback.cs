namespace MultiTask
{
    /// <summary>
    /// A hook into <c>Fit</c>, called synchronously and in order: <see cref="OnFitStart"/>, then per epoch
    /// <see cref="OnEpochStart"/>, <see cref="OnStepEnd"/> after every optimizer step, <see cref="OnEpochEnd"/> after the
    /// validation pass (where a callback may stop the run), and <see cref="OnFitEnd"/> (also when the run stops early), or
    /// <see cref="OnFitFailed"/> when it throws. Step events carry device tensors: reading a value (<c>ToDouble()</c>) syncs with the device, so a
    /// callback that does it every step slows training; the trainer itself syncs once per epoch. Add callbacks with
    /// <see cref="TrainingOptions{TMetrics}.Callbacks"/>; they run after the built-in ones (divergence guard, early stopping,
    /// progress, per-epoch collection).
    /// </summary>
    /// <typeparam name="TMetrics">The model's metrics record.</typeparam>
    public abstract class TrainingCallback<TMetrics>
    {
        /// <summary>Before the first epoch of a <c>Fit</c> call.</summary>
        public virtual void OnFitStart(FitStart<TMetrics> fit)
        {
        }

        /// <summary>Before an epoch's first batch.</summary>
        public virtual void OnEpochStart(EpochStart epoch)
        {
        }

        /// <summary>After every optimizer step; the step's tensors are valid only during the call.</summary>
        public virtual void OnStepEnd(StepEnd step)
        {
        }

        /// <summary>After an epoch and its validation pass; <see cref="EpochEnd{TMetrics}.Stop"/> ends the run after every callback has seen the epoch.</summary>
        public virtual void OnEpochEnd(EpochEnd<TMetrics> epoch)
        {
        }

        /// <summary>After the last epoch of a <c>Fit</c> call, or the one that stopped it.</summary>
        public virtual void OnFitEnd(FitEnd<TMetrics> fit)
        {
        }

        /// <summary>
        /// Instead of <see cref="OnFitEnd"/> when <c>Fit</c> throws (a diverged run, bad data, a callback's exception), before
        /// the exception leaves <c>Fit</c>: for a callback that holds something open (a progress display, a file). Called on
        /// every callback; an exception thrown here is not caught.
        /// </summary>
        public virtual void OnFitFailed(FitFailed failure)
        {
        }

        /// <summary>
        /// Writes the callback's state (a best value, a count of epochs) into a checkpoint's <paramref name="state"/>, so that a
        /// resumed run goes on where this one was. Default: nothing.
        /// </summary>
        public virtual void SaveState(TrainingState state)
        {
        }

        /// <summary>
        /// Restores what <see cref="SaveState"/> wrote, before <see cref="OnFitStart"/> of a resumed <c>Fit</c> (whose
        /// <see cref="FitStart{TMetrics}.Resumed"/> is true). Checks every entry before changing anything. Default: nothing.
        /// </summary>
        public virtual void LoadState(TrainingState state)
        {
        }
    }
}
