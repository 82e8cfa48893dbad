using System;
using System.Collections.Generic;
using System.Linq;

namespace MultiTask
{
    /// <summary>
    /// Batches for a model with one input per task: each task's data set is batched on its own (task i shuffled with seed
    /// <c>seed + i</c>) and the tasks are stepped together by <see cref="LongestCycle"/>: an epoch runs over the task with the
    /// most batches, shorter ones restart, and a task without data is absent (null) in every step.
    /// </summary>
    public static class PerTaskBatches
    {
        /// <summary>
        /// The steps of an epoch over each task's data set checked first (<see cref="TaskData.Checked"/>: row counts, dtypes,
        /// label values with the data set's row), each combined into a model's batch by <paramref name="combine"/>.
        /// </summary>
        /// <param name="model">The model's name, for messages.</param>
        /// <param name="inputSize">The width of an input row.</param>
        /// <param name="definitions">The model's tasks, in task order.</param>
        /// <param name="tasks">Each task's data, in task order; null for a task without data.</param>
        /// <param name="batchSize">Rows per batch of each task.</param>
        /// <param name="shuffle">Whether each task's rows come in a new random order on every pass.</param>
        /// <param name="seed">Seed of the shuffling.</param>
        /// <param name="combine">Builds a batch from one step's per-task data (null where a task is absent).</param>
        public static IEnumerable<TBatch> Create<TBatch>(string model, int inputSize, IReadOnlyList<TaskDefinition> definitions, IReadOnlyList<TaskData?> tasks, int batchSize, bool shuffle, int seed, Func<TaskData?[], TBatch> combine)
        {
            ArgumentNullException.ThrowIfNull(definitions);
            ArgumentNullException.ThrowIfNull(tasks);
            if (definitions.Count != tasks.Count)
            {
                throw new ArgumentException($"{model} has {definitions.Count} tasks but {tasks.Count} data sets were given.", nameof(tasks));
            }

            var checkedTasks = tasks.Select((data, i) => data?.Checked(definitions[i], inputSize, model)).ToArray();
            return Create(checkedTasks, batchSize, shuffle, seed, combine);
        }

        /// <summary>The steps of an epoch, each combined into a model's batch by <paramref name="combine"/>.</summary>
        /// <typeparam name="TBatch">The model's batch type.</typeparam>
        /// <param name="tasks">Each task's data, in task order; null for a task without data.</param>
        /// <param name="batchSize">Rows per batch of each task.</param>
        /// <param name="shuffle">Whether each task's rows come in a new random order on every pass.</param>
        /// <param name="seed">Seed of the shuffling.</param>
        /// <param name="combine">Builds a batch from one step's per-task data (null where a task is absent).</param>
        /// <exception cref="ArgumentException">A task's input and target have different row counts.</exception>
        public static IEnumerable<TBatch> Create<TBatch>(IReadOnlyList<TaskData?> tasks, int batchSize, bool shuffle, int seed, Func<TaskData?[], TBatch> combine)
        {
            ArgumentNullException.ThrowIfNull(tasks);
            ArgumentNullException.ThrowIfNull(combine);
            var perTask = new IEnumerable<TaskData>?[tasks.Count];
            for (var i = 0; i < tasks.Count; i++)
            {
                if (tasks[i] is not { } data)
                {
                    continue;
                }

                if (data.Target.Rows != data.Rows)
                {
                    throw new ArgumentException($"Task {i}: the input has {data.Rows} rows but the target has {data.Target.Rows}.", nameof(tasks));
                }

                perTask[i] = new InMemoryBatches<TaskData>(data.Rows, batchSize, shuffle, seed + i, data.Select, data.Input.device);
            }

            return LongestCycle.Zip(perTask).Select(combine);
        }
    }
}
