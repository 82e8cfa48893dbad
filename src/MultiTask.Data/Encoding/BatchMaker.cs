using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace MultiTask.Data.Encoding
{
    /// <summary>A model's batches from its input tensors (one per input, in the model's order) and targets, whatever its column map's kind.</summary>
    internal abstract class BatchMaker<TBatch>
    {
        public abstract TBatch ToBatch(Tensor[] inputs, TaskTarget[] targets);

        public abstract IEnumerable<TBatch> Batches(Tensor[] inputs, TaskTarget[] targets, int batchSize, bool shuffle, int seed);

        /// <summary>The maker for <paramref name="map"/>; null for a model with one input per task (its batches come from <see cref="PerTaskRows"/>).</summary>
        public static BatchMaker<TBatch>? For(ModelColumnMap map) => map switch
        {
            ColumnMap<TBatch> shared => new OneInput(shared),
            FieldColumnMap<TBatch> fields => new Fields(fields),
            _ => null,
        };

        public static BatchMaker<TBatch> Of(ModelColumnMap map)
            => For(map) ?? throw new InvalidOperationException($"{map.ModelName} takes one data set per task: combine each task's rows with PerTaskRows.Batches.");

        private sealed class OneInput(ColumnMap<TBatch> map) : BatchMaker<TBatch>
        {
            public override TBatch ToBatch(Tensor[] inputs, TaskTarget[] targets) => map.ToBatch(inputs[0], targets);

            public override IEnumerable<TBatch> Batches(Tensor[] inputs, TaskTarget[] targets, int batchSize, bool shuffle, int seed)
                => map.Batches(inputs[0], targets, batchSize, shuffle, seed);
        }

        private sealed class Fields(FieldColumnMap<TBatch> map) : BatchMaker<TBatch>
        {
            public override TBatch ToBatch(Tensor[] inputs, TaskTarget[] targets) => map.ToBatch(inputs, targets);

            public override IEnumerable<TBatch> Batches(Tensor[] inputs, TaskTarget[] targets, int batchSize, bool shuffle, int seed)
                => map.Batches(inputs, targets, batchSize, shuffle, seed);
        }
    }
}
