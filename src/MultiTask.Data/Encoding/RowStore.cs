using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace MultiTask.Data.Encoding
{
    /// <summary>
    /// Encoded rows: the numbers row-major <c>[Count, Width]</c> (the features, or the dense and image fields' columns), the
    /// cells of categorical and text fields as written <c>[Count, CellWidth]</c>, and every task's labels.
    /// </summary>
    internal sealed class RowStore
    {
        public RowStore(int width, int cellWidth, IEnumerable<TaskDefinition> tasks, int capacity)
        {
            Width = width;
            CellWidth = cellWidth;
            Features = new float[capacity * width];
            Cells = new string?[capacity * cellWidth];
            Targets = tasks.Select(t => new TargetBuffer(t, capacity)).ToArray();
            Capacity = capacity;
        }

        public int Width { get; }

        public int CellWidth { get; }

        public float[] Features { get; private set; }

        public string?[] Cells { get; private set; }

        public TargetBuffer[] Targets { get; }

        public int Count { get; set; }

        public int Capacity { get; private set; }

        /// <summary>The bytes of its arrays, and of the text its cells hold.</summary>
        public long AllocatedBytes
            => (Features.LongLength * sizeof(float)) + (Cells.LongLength * IntPtr.Size) + Cells.Sum(c => c is null ? 0L : 22 + (2L * c.Length))
               + Targets.Sum(t => t.AllocatedBytes);

        /// <summary>An empty store of the same columns and tasks for <paramref name="capacity"/> rows.</summary>
        public RowStore Like(int capacity) => new(Width, CellWidth, Targets.Select(t => t.Task), capacity);

        /// <summary>Room for <paramref name="rows"/> rows, growing by doubling.</summary>
        public void EnsureCapacity(int rows)
        {
            if (rows <= Capacity)
            {
                return;
            }

            var capacity = Math.Max(rows, Capacity * 2);
            Features = Grow(Features, Count * Width, capacity * Width);
            Cells = Grow(Cells, Count * CellWidth, capacity * CellWidth);
            foreach (var target in Targets)
            {
                target.Resize(capacity);
            }

            Capacity = capacity;
        }

        public void CopyRow(int from, RowStore into, int to)
        {
            Array.Copy(Features, from * Width, into.Features, to * Width, Width);
            Array.Copy(Cells, from * CellWidth, into.Cells, to * CellWidth, CellWidth);
            for (var t = 0; t < Targets.Length; t++)
            {
                Targets[t].CopyRow(from, into.Targets[t], to);
            }
        }

        public RowStore Select(IReadOnlyList<int> rows)
        {
            var selected = Like(rows.Count);
            selected.Count = rows.Count;
            for (var i = 0; i < rows.Count; i++)
            {
                CopyRow(rows[i], selected, i);
            }

            return selected;
        }

        /// <summary>
        /// Every input of <paramref name="layout"/> as a tensor, prepared by <paramref name="preparation"/> (the numbers standardized
        /// unless they already are: <paramref name="standardized"/>), and every task's target.
        /// </summary>
        public (Tensor[] Inputs, TaskTarget[] Targets) ToTensors(InputLayout layout, DataPreparation preparation, bool standardized)
            => (layout.Parts.Select(p => p.ToTensor(this, preparation, standardized)).ToArray(), Targets.Select(t => t.ToTarget(Count)).ToArray());

        private static T[] Grow<T>(T[] array, int used, int length)
        {
            var grown = new T[length];
            array.AsSpan(0, used).CopyTo(grown);
            return grown;
        }
    }
}
