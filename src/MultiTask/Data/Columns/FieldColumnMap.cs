using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// Where the data of a model with input fields is in a file: one column (or set of columns) per field and one
    /// <see cref="TargetColumn"/> per task. Every such model generates a sealed <c>Columns</c> class over it with a
    /// <c>required</c> member per field and per task.
    /// </summary>
    public abstract class FieldColumnMap<TBatch>
    {
        /// <summary>Called by the generated <c>Columns</c>.</summary>
        protected FieldColumnMap(string modelName)
        {
            ArgumentException.ThrowIfNullOrEmpty(modelName);
            ModelName = modelName;
        }

        /// <summary>The model's name, for messages.</summary>
        public string ModelName { get; }

        /// <summary>Every field, in the model's order, with its column(s).</summary>
        public abstract IReadOnlyList<FieldColumn> FieldColumns { get; }

        /// <summary>Every task, in the model's order, with its target's columns.</summary>
        public abstract IReadOnlyList<TaskColumn> TaskColumns { get; }

        /// <summary>The model's batch of the fields' tensors and the <paramref name="targets"/>, both in the model's order.</summary>
        public abstract TBatch ToBatch(IReadOnlyList<Tensor> fields, IReadOnlyList<TaskTarget> targets);

        /// <summary>The model's <c>Batch.From</c> over the fields' tensors and the <paramref name="targets"/>, both in the model's order.</summary>
        public abstract IEnumerable<TBatch> Batches(IReadOnlyList<Tensor> fields, IReadOnlyList<TaskTarget> targets, int batchSize, bool shuffle, int seed);
    }
}
