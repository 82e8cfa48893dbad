using System;
using MultiTask.Data.Reading;

namespace MultiTask.Data
{
    /// <summary>
    /// The rows of a chunk that a preparation is fitted on: those in a split's part, or every row without a split. One per pass,
    /// its arrays reused by every chunk.
    /// </summary>
    internal sealed class PartOfChunk
    {
        private readonly StreamRows? part;
        private readonly int[] rows;
        private readonly string?[] cells;
        private RowChunk? chunk;

        public PartOfChunk(StreamRows? part, int capacity)
        {
            this.part = part;
            rows = part is null ? [] : new int[capacity];
            cells = part is null ? [] : new string?[capacity];
        }

        /// <summary>How many of the last chunk's rows are in the part.</summary>
        public int Count { get; private set; }

        /// <summary>Finds the rows of <paramref name="of"/> in the part.</summary>
        public void Find(RowChunk of)
        {
            chunk = of;
            if (part is null)
            {
                Count = of.Count;
                return;
            }

            Count = 0;
            for (var r = 0; r < of.Count; r++)
            {
                if (part.Contains(of.FirstRow + r))
                {
                    rows[Count++] = r;
                }
            }
        }

        /// <summary>The part's rows of the chunk's numbers into <paramref name="fit"/>.</summary>
        public void AddFeatures(Standardizer.Fit fit)
        {
            var found = chunk!;
            var width = found.Plan.Features.Length;
            if (part is null)
            {
                fit.Add(found.Features.AsSpan(0, found.Count * width), width);
                return;
            }

            for (var i = 0; i < Count; i++)
            {
                fit.Add(found.Features.AsSpan(rows[i] * width, width), width);
            }
        }

        /// <summary>The part's cells of one of the chunk's cell columns, in row order.</summary>
        public ReadOnlySpan<string?> Cells(string?[] column)
        {
            if (part is null)
            {
                return column.AsSpan(0, Count);
            }

            for (var i = 0; i < Count; i++)
            {
                cells[i] = column[rows[i]];
            }

            return cells.AsSpan(0, Count);
        }
    }
}
