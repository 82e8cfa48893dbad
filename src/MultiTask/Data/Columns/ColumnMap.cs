using System.Collections.Generic;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// Where a model's data is in a file: the <see cref="Features"/> and one <see cref="TargetColumn"/> per task. Every model
    /// generates a sealed <c>Columns</c> class over it with a <c>required</c> member per task, so a task without its column
    /// does not compile. The readers (<c>MultiTask.Data</c>) read files through it.
    /// </summary>
    public abstract class ColumnMap : ModelColumnMap
    {
        /// <summary>Called by the generated <c>Columns</c>.</summary>
        protected ColumnMap(string modelName, int inputSize)
            : base(modelName)
        {
            InputSize = inputSize;
        }

        /// <summary>The feature columns; they must select the model's <see cref="InputSize"/> columns.</summary>
        public required InputColumns Features { get; init; }

        /// <summary>The model's input width.</summary>
        public int InputSize { get; }
    }

    /// <summary>The column map of a model with one shared input; <typeparamref name="TBatch"/> is its batch type.</summary>
    public abstract class ColumnMap<TBatch> : ColumnMap
    {
        /// <summary>Called by the generated <c>Columns</c>.</summary>
        protected ColumnMap(string modelName, int inputSize)
            : base(modelName, inputSize)
        {
        }

        /// <summary>The model's batch of <paramref name="input"/> rows and their <paramref name="targets"/> in task order.</summary>
        public abstract TBatch ToBatch(Tensor input, IReadOnlyList<TaskTarget> targets);

        /// <summary>The model's <c>Batch.From</c> over <paramref name="input"/> and <paramref name="targets"/> in task order.</summary>
        public abstract IEnumerable<TBatch> Batches(Tensor input, IReadOnlyList<TaskTarget> targets, int batchSize, bool shuffle, int seed);
    }

    /// <summary>The column map of a model with one input (and data set) per task; every task's file has the same feature columns.</summary>
    public abstract class PerTaskColumnMap<TBatch> : ColumnMap
    {
        /// <summary>Called by the generated <c>Columns</c>.</summary>
        protected PerTaskColumnMap(string modelName, int inputSize)
            : base(modelName, inputSize)
        {
        }

        /// <summary>The model's <c>Batch.From</c> over every task's data in task order (null: the task has none).</summary>
        public abstract IEnumerable<TBatch> Batches(IReadOnlyList<TaskData?> tasks, int batchSize, bool shuffle, int seed);
    }
}
