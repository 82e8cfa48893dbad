using System;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>The start of a <c>Fit</c> call.</summary>
    /// <param name="Model">The model being trained.</param>
    /// <param name="Optimizer">The optimizer (one parameter group per component).</param>
    /// <param name="FirstEpoch">The number of the first epoch this call runs (epochs continue across calls).</param>
    /// <param name="LastEpoch">The number of the last epoch it runs unless stopped.</param>
    /// <typeparam name="TMetrics">The model's metrics record.</typeparam>
    public sealed record FitStart<TMetrics>(nn.Module Model, optim.Optimizer Optimizer, int FirstEpoch, int LastEpoch)
    {
        /// <summary>The modules the model's tasks share and each task's own.</summary>
        public ModelParts Parts { get; init; } = new([], []);

        /// <summary>The model's tasks, in the order of the step's losses.</summary>
        public System.Collections.Generic.IReadOnlyList<TaskDefinition> Tasks { get; init; } = [];

        /// <summary>Whether the call resumes a checkpoint: the callbacks' states were restored (<see cref="TrainingCallback{TMetrics}.LoadState"/>) and go on.</summary>
        public bool Resumed { get; init; }
    }

    /// <summary>The start of an epoch.</summary>
    /// <param name="Epoch">The 1-based epoch number.</param>
    /// <param name="Batches">Batches in the epoch when known (a collection, or after the first epoch), else null.</param>
    public sealed record EpochStart(int Epoch, int? Batches);

    /// <summary>A finished optimizer step, with device tensors valid only during the callback.</summary>
    /// <param name="Epoch">The 1-based epoch number.</param>
    /// <param name="Batch">The 1-based batch number within the epoch.</param>
    /// <param name="Batches">Batches in the epoch when known, else null.</param>
    /// <param name="Step">The 1-based optimizer step, counted over every <c>Fit</c> call of the trainer.</param>
    /// <param name="Losses">The step's losses, outputs and targets.</param>
    /// <param name="Weights">The task weights the loss weighting applied, <c>[K]</c> on the device.</param>
    public sealed record StepEnd(int Epoch, int Batch, int? Batches, long Step, TaskStep Losses, Tensor Weights);

    /// <summary>A finished epoch; a callback may stop the run here.</summary>
    /// <typeparam name="TMetrics">The model's metrics record.</typeparam>
    public sealed class EpochEnd<TMetrics>
    {
        internal EpochEnd(nn.Module model, EpochResult<TMetrics> result, EvaluationResult train, EvaluationResult? validation)
        {
            Model = model;
            Result = result;
            Train = train;
            Validation = validation;
        }

        /// <summary>The model being trained.</summary>
        public nn.Module Model { get; }

        /// <summary>The epoch's typed result, as it goes into the history.</summary>
        public EpochResult<TMetrics> Result { get; }

        /// <summary>The 1-based epoch number.</summary>
        public int Epoch => Result.Epoch;

        /// <summary>The untyped training results (tasks in model order).</summary>
        public EvaluationResult Train { get; }

        /// <summary>The untyped validation results, or null without validation data.</summary>
        public EvaluationResult? Validation { get; }

        /// <summary>The metrics a monitor reads: the validation metrics, or the training metrics without validation data.</summary>
        public TMetrics Monitored => Result.Validation is { } validation ? validation : Result.Train;

        /// <summary>Why the run stops after this epoch, or null when it goes on.</summary>
        public string? StopReason { get; private set; }

        /// <summary>
        /// Writes a checkpoint of the whole run to <paramref name="path"/> once this epoch is complete: after every callback has
        /// seen it and the schedule and the loss weighting have ended it. Nothing is written when a later callback throws (a
        /// diverged or interrupted run keeps its last good checkpoint). <paramref name="saved"/> runs after the file is in place.
        /// </summary>
        public void SaveCheckpoint(string path, Action? saved = null)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            CheckpointRequests.Add((path, saved));
        }

        internal System.Collections.Generic.List<(string Path, Action? Saved)> CheckpointRequests { get; } = [];

        /// <summary>Ends the run after this epoch (the first reason given is kept).</summary>
        public void Stop(string reason)
        {
            ArgumentException.ThrowIfNullOrEmpty(reason);
            StopReason ??= reason;
        }
    }

    /// <summary>The end of a <c>Fit</c> call.</summary>
    /// <param name="Model">The model being trained.</param>
    /// <param name="History">The epochs of this call.</param>
    /// <typeparam name="TMetrics">The model's metrics record.</typeparam>
    public sealed record FitEnd<TMetrics>(nn.Module Model, TrainingHistory<TMetrics> History);

    /// <summary>What a callback gets when <c>Fit</c> throws.</summary>
    /// <param name="Epoch">The epoch that was running (or the last one started).</param>
    /// <param name="Exception">The exception about to leave <c>Fit</c>.</param>
    public sealed record FitFailed(int Epoch, Exception Exception);
}
