using System.Collections.Generic;
using System.Linq;
using MultiTask.Data.Encoding;
using static TorchSharp.torch;

namespace MultiTask.Data
{
    /// <summary>
    /// A cache's rows as tensors made once, outside any dispose scope: one per input of the layout (the features, or each field:
    /// float32 numbers, int64 ids) and one target per task, from which a cached pass selects every batch's rows by index, as
    /// in-memory batches do.
    /// </summary>
    internal sealed class CachedTensors
    {
        private CachedTensors(Tensor[] inputs, TaskTarget[] targets, long count)
        {
            Inputs = inputs;
            Targets = targets;
            Count = count;
        }

        /// <summary>The model's inputs, in its order.</summary>
        public Tensor[] Inputs { get; }

        public TaskTarget[] Targets { get; }

        public long Count { get; }

        /// <summary>The chunks' rows (standardized already), in order, copied into the tensors chunk by chunk.</summary>
        public static CachedTensors From(IReadOnlyList<RowStore> chunks, InputLayout layout, DataPreparation preparation)
        {
            var rows = chunks.Sum(c => c.Count);
            var inputs = new Tensor?[layout.Parts.Count];
            var labels = chunks[0].Targets.Select(t => new TargetBuffer(t.Task, rows)).ToArray();
            var at = 0;
            foreach (var chunk in chunks)
            {
                for (var p = 0; p < inputs.Length; p++)
                {
                    using var part = layout.Parts[p].ToTensor(chunk, preparation, standardized: true);
                    inputs[p] ??= empty(part.shape.Skip(1).Prepend(rows).ToArray(), dtype: part.dtype).DetachFromDisposeScope();
                    using var into = inputs[p]!.narrow(0, at, chunk.Count);
                    into.copy_(part);
                }

                for (var t = 0; t < labels.Length; t++)
                {
                    chunk.Targets[t].CopyRows(0, labels[t], at, chunk.Count);
                }

                at += chunk.Count;
            }

            return new CachedTensors(inputs.Select(i => i!).ToArray(), labels.Select(t => Detached(t.ToTarget(rows))).ToArray(), rows);
        }

        private static TaskTarget Detached(TaskTarget target)
            => new(target.Labels.DetachFromDisposeScope(), target.Mask?.DetachFromDisposeScope());
    }
}
