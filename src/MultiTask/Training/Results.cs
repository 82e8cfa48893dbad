using System;
using System.Collections.Generic;

namespace MultiTask
{
    /// <summary>Untyped evaluation over a data set: mean total loss and per-task metrics in task order.</summary>
    /// <param name="Loss">Mean total loss per row (batches weighted by their row count).</param>
    /// <param name="Tasks">Each task's metrics, in <see cref="IMultiTaskNetwork{TBatch}.Tasks"/> order.</param>
    public sealed record EvaluationResult(double Loss, IReadOnlyList<TaskMetrics> Tasks);

    /// <summary>One epoch's outcome.</summary>
    /// <typeparam name="TMetrics">The model's metrics record.</typeparam>
    /// <param name="Epoch">1-based epoch number.</param>
    /// <param name="Train">Metrics over the training batches of the epoch (collected while training).</param>
    /// <param name="Validation">Metrics over the validation data after the epoch, or null without validation data.</param>
    /// <param name="Elapsed">Wall time of the epoch.</param>
    public sealed record EpochResult<TMetrics>(int Epoch, TMetrics Train, TMetrics? Validation, TimeSpan Elapsed);

    /// <summary>A training step's loss, reported every <see cref="TrainingOptions{TMetrics}.StepProgressInterval"/> steps.</summary>
    /// <param name="Epoch">1-based epoch number.</param>
    /// <param name="Step">1-based step number, counted over the whole run.</param>
    /// <param name="Loss">The step's total loss.</param>
    public sealed record StepProgress(int Epoch, long Step, double Loss);
}
