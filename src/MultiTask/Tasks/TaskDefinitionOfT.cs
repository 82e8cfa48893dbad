using System;
using System.Linq;

namespace MultiTask
{
    /// <summary>A task whose metrics are a <typeparamref name="TMetrics"/>: the generated <c>Metrics</c> record reads them through <see cref="MetricsIn"/>.</summary>
    /// <typeparam name="TMetrics">The task's metrics record.</typeparam>
    public abstract class TaskDefinition<TMetrics> : TaskDefinition
        where TMetrics : TaskMetrics
    {
        /// <summary>Creates a task named <paramref name="name"/> whose loss weighs <paramref name="weight"/> in the declared total.</summary>
        protected TaskDefinition(string name, double weight = 1)
            : base(name, weight)
        {
        }

        /// <summary>This task's metrics among <paramref name="result"/>'s, found by name.</summary>
        /// <exception cref="InvalidOperationException">The result has no metrics of this task, or of another kind.</exception>
        public TMetrics MetricsIn(EvaluationResult result)
        {
            ArgumentNullException.ThrowIfNull(result);
            var metrics = result.Tasks.FirstOrDefault(t => t.Task == Name)
                ?? throw new InvalidOperationException($"The results have no metrics of task '{Name}' (tasks: {string.Join(", ", result.Tasks.Select(t => t.Task))}).");
            return metrics as TMetrics
                ?? throw new InvalidOperationException($"Task '{Name}': expected {typeof(TMetrics).Name}, the results hold {metrics.GetType().Name}.");
        }
    }
}
