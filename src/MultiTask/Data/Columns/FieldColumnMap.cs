using System.Collections.Generic;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// The column map of a model with input fields (<c>[Dense]</c>, <c>[Categorical]</c>, <c>[TokenSequence]</c>, <c>[Image]</c>):
    /// each field's column(s) and each task's target. The generated <c>Columns</c> has a <c>required</c> member per field and per
    /// task.
    /// </summary>
    public abstract class FieldColumnMap : ModelColumnMap
    {
        /// <summary>Called by <see cref="FieldColumnMap{TBatch}"/>.</summary>
        private protected FieldColumnMap(string modelName)
            : base(modelName)
        {
        }

        /// <summary>Every field, in the model's order, with its column(s).</summary>
        public abstract IReadOnlyList<FieldColumn> FieldColumns { get; }
    }

    /// <summary>The column map of a model with input fields; <typeparamref name="TBatch"/> is its batch type.</summary>
    public abstract class FieldColumnMap<TBatch> : FieldColumnMap
    {
        /// <summary>Called by the generated <c>Columns</c>.</summary>
        protected FieldColumnMap(string modelName)
            : base(modelName)
        {
        }

        /// <summary>The model's batch of <paramref name="fields"/> (in field order) and their <paramref name="targets"/> in task order.</summary>
        public abstract TBatch ToBatch(IReadOnlyList<Tensor> fields, IReadOnlyList<TaskTarget> targets);

        /// <summary>The model's <c>Batch.From</c> over <paramref name="fields"/> (in field order) and <paramref name="targets"/> in task order.</summary>
        public abstract IEnumerable<TBatch> Batches(IReadOnlyList<Tensor> fields, IReadOnlyList<TaskTarget> targets, int batchSize, bool shuffle, int seed);
    }
}
