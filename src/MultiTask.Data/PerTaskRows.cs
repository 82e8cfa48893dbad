using System;
using System.Collections.Generic;
using System.Linq;

namespace MultiTask.Data
{
    /// <summary>Batches for a model with one input per task, from each task's own rows (<see cref="TableFile.ReadTask{TBatch}"/>).</summary>
    public static class PerTaskRows
    {
        /// <summary>The model's <c>Batch.From</c> over every task's rows, in any order; a task without rows is absent.</summary>
        public static IEnumerable<TBatch> Batches<TBatch>(PerTaskColumnMap<TBatch> columns, DataPreparation preparation, IReadOnlyList<LabeledRows<TBatch>> tasks, int batchSize, bool shuffle = false, int seed = 0)
        {
            ArgumentNullException.ThrowIfNull(columns);
            ArgumentNullException.ThrowIfNull(tasks);
            var byName = tasks.ToDictionary(t => t.TaskName, StringComparer.Ordinal);
            var data = columns.TaskColumns.Select(c => byName.Remove(c.Task.Name, out var rows) ? rows.ToTaskData(preparation) : null).ToArray();
            if (byName.Count > 0)
            {
                throw new ArgumentException($"{columns.ModelName} has no task '{byName.Keys.First()}'.", nameof(tasks));
            }

            return columns.Batches(data, batchSize, shuffle, seed);
        }
    }
}
