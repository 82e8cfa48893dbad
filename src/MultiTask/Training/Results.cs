using System;
using System.Collections.Generic;

namespace MultiTask
{
    /// <summary>Untyped evaluation over a data set: mean total loss and per-task metrics in task order.</summary>
    /// <param name="Loss">Mean declared total loss per row (batches weighted by their row count).</param>
    /// <param name="Tasks">Each task's metrics, in <see cref="IMultiTaskNetwork{TBatch}.Tasks"/> order.</param>
    public sealed record EvaluationResult(double Loss, IReadOnlyList<TaskMetrics> Tasks)
    {
        /// <summary>The task whose loss was first not finite (<c>total</c> when only the total was); null when every loss was finite.</summary>
        public string? NonFiniteTask { get; init; }

        /// <summary>The declared total loss of the first batch.</summary>
        public double FirstBatchLoss { get; init; }

        /// <summary>Each task's mean applied loss weight over a training epoch's steps, in task order; empty for an evaluation.</summary>
        public IReadOnlyList<double> LossWeights { get; init; } = [];
    }

    /// <summary>One epoch's outcome.</summary>
    /// <typeparam name="TMetrics">The model's metrics record.</typeparam>
    /// <param name="Epoch">1-based epoch number, continuing across <c>Fit</c> calls of one trainer.</param>
    /// <param name="Train">Metrics over the training batches of the epoch (collected while training).</param>
    /// <param name="Validation">Metrics over the validation data after the epoch, or null without validation data.</param>
    /// <param name="Elapsed">Wall time of the epoch.</param>
    public sealed record EpochResult<TMetrics>(int Epoch, TMetrics Train, TMetrics? Validation, TimeSpan Elapsed)
    {
        /// <summary>Each task's loss weight as the loss weighting applied it, averaged over the epoch's steps, by task name.</summary>
        public IReadOnlyDictionary<string, double> LossWeights { get; init; } = new Dictionary<string, double>();

        /// <summary>Every optimizer parameter group's learning rate at the epoch's last step, by group (component) name.</summary>
        public IReadOnlyDictionary<string, double> LearningRates { get; init; } = new Dictionary<string, double>();

        /// <summary>
        /// The untyped results behind <see cref="Train"/>: every task's metrics in model order (<see cref="TaskMetrics.Scalars"/>),
        /// for code that handles any model's history (exports, TensorBoard, plots).
        /// </summary>
        public EvaluationResult? TrainEvaluation { get; init; }

        /// <summary>The untyped results behind <see cref="Validation"/>, or null without validation data.</summary>
        public EvaluationResult? ValidationEvaluation { get; init; }

        /// <summary>The epoch's mean inter-task affinity when <see cref="TrainingOptions{TMetrics}.TaskAffinity"/> is set (null otherwise, or when no step of the epoch was measured).</summary>
        public TaskAffinity? TaskAffinity { get; init; }
    }

    /// <summary>A training step's loss, reported every <see cref="TrainingOptions{TMetrics}.StepProgressInterval"/> steps.</summary>
    /// <param name="Epoch">1-based epoch number.</param>
    /// <param name="Step">1-based step number, counted over the whole run.</param>
    /// <param name="Loss">The step's declared total loss.</param>
    public sealed record StepProgress(int Epoch, long Step, double Loss)
    {
        /// <summary>The 1-based batch number within the epoch.</summary>
        public int Batch { get; init; }

        /// <summary>Batches in the epoch when known, else null.</summary>
        public int? Batches { get; init; }
    }
}
