using System;
using System.Collections.Generic;
using System.Linq;

namespace MultiTask.Data.Reading
{
    /// <summary>Two tables side by side, row i beside row i: the left's columns, then the right's. Both must have as many rows.</summary>
    internal sealed class JoinedTableReader : ITableReader
    {
        private readonly ITableReader left;
        private readonly ITableReader right;
        private Sides? sides;

        public JoinedTableReader(ITableReader left, ITableReader right)
        {
            this.left = left;
            this.right = right;
            if ((left.Header is null) != (right.Header is null))
            {
                throw new DataFileException(File, "join files that all have a header, or none");
            }

            Header = left.Header is null ? null : left.Header.Concat(right.Header!).ToArray();
        }

        public string File => left.File + " + " + right.File;

        public IReadOnlyList<string>? Header { get; }

        public int ColumnCount => left.ColumnCount + right.ColumnCount;

        public bool Read(RowChunk chunk)
        {
            sides ??= new Sides(chunk, left.ColumnCount);
            left.Read(sides.Left);
            right.Read(sides.Right);
            if (sides.Left.Count != sides.Right.Count)
            {
                var rows = sides.Left.FirstRow + Math.Min(sides.Left.Count, sides.Right.Count);
                var shorter = sides.Left.Count < sides.Right.Count ? left.File : right.File;
                throw new DataFileException(File, $"{shorter} ends after {rows} data rows, the other file has more");
            }

            sides.CopyInto(chunk);
            return chunk.Count > 0;
        }

        public string ColumnName(int index) => index < left.ColumnCount ? left.ColumnName(index) : right.ColumnName(index - left.ColumnCount);

        public void Dispose()
        {
            left.Dispose();
            right.Dispose();
        }

        /// <summary>Each side's chunk, and where each of the joined plan's slots comes from.</summary>
        private sealed class Sides
        {
            private const int Kinds = 4;
            private readonly int[][] fromLeft = new int[Kinds][];
            private readonly int[][] fromRight = new int[Kinds][];

            public Sides(RowChunk joined, int leftColumns)
            {
                var slots = joined.Plan.Kinds;
                for (var kind = 0; kind < Kinds; kind++)
                {
                    fromLeft[kind] = Enumerable.Range(0, slots[kind].Length).Where(s => slots[kind][s] < leftColumns).ToArray();
                    fromRight[kind] = Enumerable.Range(0, slots[kind].Length).Where(s => slots[kind][s] >= leftColumns).ToArray();
                }

                ReadPlan Side(int[][] which, int offset)
                {
                    var columns = Enumerable.Range(0, Kinds).Select(k => which[k].Select(s => slots[k][s] - offset).ToArray()).ToArray();
                    return new ReadPlan(columns[0], columns[1], columns[2], columns[3]);
                }

                Left = new RowChunk(Side(fromLeft, 0), joined.Capacity);
                Right = new RowChunk(Side(fromRight, leftColumns), joined.Capacity);
            }

            public RowChunk Left { get; }

            public RowChunk Right { get; }

            public void CopyInto(RowChunk joined)
            {
                joined.FirstRow = Left.FirstRow;
                joined.Count = Left.Count;
                Array.Copy(Left.Lines, joined.Lines, joined.Count);
                CopyFeatures(Left, fromLeft[0], joined);
                CopyFeatures(Right, fromRight[0], joined);
                CopySlots(Left.Numbers, fromLeft[1], joined.Numbers, joined.Count);
                CopySlots(Right.Numbers, fromRight[1], joined.Numbers, joined.Count);
                CopySlots(Left.Texts, fromLeft[2], joined.Texts, joined.Count);
                CopySlots(Right.Texts, fromRight[2], joined.Texts, joined.Count);
                CopySlots(Left.Cells, fromLeft[3], joined.Cells, joined.Count);
                CopySlots(Right.Cells, fromRight[3], joined.Cells, joined.Count);
            }

            private static void CopySlots<T>(T[][] side, int[] slots, T[][] joined, int rows)
            {
                for (var i = 0; i < slots.Length; i++)
                {
                    Array.Copy(side[i], joined[slots[i]], rows);
                }
            }

            private static void CopyFeatures(RowChunk side, int[] slots, RowChunk joined)
            {
                int sideWidth = side.Plan.Features.Length, width = joined.Plan.Features.Length;
                for (var r = 0; r < joined.Count; r++)
                {
                    for (var i = 0; i < slots.Length; i++)
                    {
                        joined.Features[(r * width) + slots[i]] = side.Features[(r * sideWidth) + i];
                    }
                }
            }
        }
    }
}
