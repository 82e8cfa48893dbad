using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using MultiTask.Data.Encoding;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Data
{
    /// <summary>
    /// A cache's rows as tensors made once, outside any dispose scope: one contiguous float32 <c>[Count, Width]</c> input and one
    /// target per task, from which a cached pass selects every batch's rows by index, as in-memory batches do.
    /// </summary>
    internal sealed class CachedTensors
    {
        private CachedTensors(Tensor input, TaskTarget[] targets)
        {
            Input = input;
            Targets = targets;
        }

        public Tensor Input { get; }

        public TaskTarget[] Targets { get; }

        public long Count => Input.shape[0];

        /// <summary>The chunks' rows, in order, copied into the tensors chunk by chunk.</summary>
        public static CachedTensors From(IReadOnlyList<RowStore> chunks)
        {
            var rows = chunks.Sum(c => c.Count);
            var width = chunks[0].Width;
            var input = torch.empty(rows, width, dtype: ScalarType.Float32).DetachFromDisposeScope();
            var labels = chunks[0].Targets.Select(t => new TargetBuffer(t.Task, rows)).ToArray();
            var at = 0;
            foreach (var chunk in chunks)
            {
                using (var into = input.narrow(0, at, chunk.Count))
                {
                    into.bytes = MemoryMarshal.AsBytes(chunk.Features.AsSpan(0, chunk.Count * width));
                }

                for (var t = 0; t < labels.Length; t++)
                {
                    chunk.Targets[t].CopyRows(0, labels[t], at, chunk.Count);
                }

                at += chunk.Count;
            }

            return new CachedTensors(input, labels.Select(t => Detached(t.ToTarget(rows))).ToArray());
        }

        private static TaskTarget Detached(TaskTarget target)
            => new(target.Labels.DetachFromDisposeScope(), target.Mask?.DetachFromDisposeScope());
    }
}
