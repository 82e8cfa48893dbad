using System;
using System.Collections.Generic;

namespace MultiTask
{
    /// <summary>A generated model's trainer, seen by code written once for every model.</summary>
    /// <typeparam name="TBatch">The model's batch type.</typeparam>
    /// <typeparam name="TMetrics">The model's metrics record.</typeparam>
    public interface IMultiTaskTrainer<TBatch, TMetrics> : IDisposable
    {
        /// <summary>The epochs trained so far; the next <see cref="Fit"/> numbers its first epoch one more.</summary>
        int CompletedEpochs { get; }

        /// <summary>Trains for the options' number of epochs, evaluating on <paramref name="validation"/> after each; resumes the checkpoint <paramref name="resumeFrom"/> when given.</summary>
        TrainingHistory<TMetrics> Fit(IEnumerable<TBatch> train, IEnumerable<TBatch>? validation = null, string? resumeFrom = null);

        /// <summary>The model's metrics on <paramref name="data"/>.</summary>
        TMetrics Evaluate(IEnumerable<TBatch> data);

        /// <summary>The untyped metrics on <paramref name="data"/>, tasks in model order.</summary>
        EvaluationResult EvaluateTasks(IEnumerable<TBatch> data);
    }

    /// <summary>
    /// What every generated model is: a network the trainer drives that makes its own trainer. Code written against it builds,
    /// trains and evaluates any generated model, for example a shared bottom and an MMoE with one function.
    /// </summary>
    /// <typeparam name="TBatch">The model's batch type.</typeparam>
    /// <typeparam name="TMetrics">The model's metrics record.</typeparam>
    public interface IMultiTaskModel<TBatch, TMetrics> : IMultiTaskNetwork<TBatch>, IDisposable
    {
        /// <summary>The number of parameters of every component.</summary>
        ModelSummary Summary();

        /// <summary>A trainer with <paramref name="options"/>; options that are not the model's own get every component's default settings.</summary>
        IMultiTaskTrainer<TBatch, TMetrics> CreateTrainer(TrainingOptions<TMetrics> options);
    }
}
