using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Data.Encoding
{
    /// <summary>Encoded rows: the features row-major <c>[Count, Width]</c> and every task's labels.</summary>
    internal sealed class RowStore
    {
        public RowStore(int width, IEnumerable<TaskDefinition> tasks, int capacity)
        {
            Width = width;
            Features = new float[capacity * width];
            Targets = tasks.Select(t => new TargetBuffer(t, capacity)).ToArray();
        }

        public int Width { get; }

        public float[] Features { get; private set; }

        public TargetBuffer[] Targets { get; }

        public int Count { get; set; }

        public int Capacity => Features.Length / Math.Max(Width, 1);

        /// <summary>The bytes of its features' and targets' arrays.</summary>
        public long AllocatedBytes => (Features.LongLength * sizeof(float)) + Targets.Sum(t => t.AllocatedBytes);

        /// <summary>Room for <paramref name="rows"/> rows, growing by doubling.</summary>
        public void EnsureCapacity(int rows)
        {
            if (rows <= Capacity)
            {
                return;
            }

            var capacity = Math.Max(rows, Capacity * 2);
            var features = new float[capacity * Width];
            Features.AsSpan(0, Count * Width).CopyTo(features);
            Features = features;
            foreach (var target in Targets)
            {
                target.Resize(capacity);
            }
        }

        public void CopyRow(int from, RowStore into, int to)
        {
            Array.Copy(Features, from * Width, into.Features, to * Width, Width);
            for (var t = 0; t < Targets.Length; t++)
            {
                Targets[t].CopyRow(from, into.Targets[t], to);
            }
        }

        public RowStore Select(IReadOnlyList<int> rows)
        {
            var selected = new RowStore(Width, Targets.Select(t => t.Task), rows.Count) { Count = rows.Count };
            for (var i = 0; i < rows.Count; i++)
            {
                CopyRow(rows[i], selected, i);
            }

            return selected;
        }

        /// <summary>The features as float32 <c>[Count, Width]</c> (standardized by <paramref name="scaler"/> when given) and every task's target.</summary>
        public (Tensor Input, TaskTarget[] Targets) ToTensors(Standardizer? scaler)
        {
            var features = Features.AsSpan(0, Count * Width);
            if (scaler is not null)
            {
                var scaled = features.ToArray();
                scaler.Apply(scaled);
                features = scaled;
            }

            // Copied into native memory, freed as soon as the tensor is disposed: torch.tensor(float[]) would clone the array
            // onto the managed large object heap, which only a full collection frees.
            var input = torch.empty(Count, Width, dtype: ScalarType.Float32);
            input.bytes = MemoryMarshal.AsBytes(features);
            return (input, Targets.Select(t => t.ToTarget(Count)).ToArray());
        }
    }
}
