using System;
using TorchSharp;

namespace MultiTask
{
    /// <summary>
    /// Built in when <see cref="TrainingOptions{TMetrics}.Progress"/> or <see cref="TrainingOptions{TMetrics}.StepProgress"/>
    /// is set: reports each epoch's result, and the loss every <see cref="TrainingOptions{TMetrics}.StepProgressInterval"/>
    /// steps (the only per-step host sync), synchronously, before <c>Fit</c> goes on. <c>IProgress.Report</c> is called
    /// directly; <c>System.Progress&lt;T&gt;</c> would post to a thread pool and report after the fact.
    /// </summary>
    /// <typeparam name="TMetrics">The model's metrics record.</typeparam>
    public sealed class ProgressReporter<TMetrics> : TrainingCallback<TMetrics>
    {
        private readonly IProgress<EpochResult<TMetrics>>? epochs;
        private readonly IProgress<StepProgress>? steps;
        private readonly int interval;

        /// <summary>Reports epochs to <paramref name="epochs"/> and every <paramref name="interval"/>-th step to <paramref name="steps"/>.</summary>
        public ProgressReporter(IProgress<EpochResult<TMetrics>>? epochs, IProgress<StepProgress>? steps, int interval)
        {
            if (interval <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(interval), interval, "StepProgressInterval must be positive.");
            }

            this.epochs = epochs;
            this.steps = steps;
            this.interval = interval;
        }

        /// <inheritdoc />
        public override void OnStepEnd(StepEnd step)
        {
            ArgumentNullException.ThrowIfNull(step);
            if (steps is not null && step.Step % interval == 0)
            {
                steps.Report(new StepProgress(step.Epoch, step.Step, step.Losses.Total.ToDouble()) { Batch = step.Batch, Batches = step.Batches });
            }
        }

        /// <inheritdoc />
        public override void OnEpochEnd(EpochEnd<TMetrics> epoch)
        {
            ArgumentNullException.ThrowIfNull(epoch);
            epochs?.Report(epoch.Result);
        }
    }
}
