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

        public long LineOf(long row) => left.LineOf(row);

        public string ColumnName(int index) => index < left.ColumnCount ? left.ColumnName(index) : right.ColumnName(index - left.ColumnCount);

        public void Dispose()
        {
            left.Dispose();
            right.Dispose();
        }

        /// <summary>Each side's chunk, and where each of the joined plan's slots comes from.</summary>
        private sealed class Sides
        {
            private readonly int[][] fromLeft = new int[3][];
            private readonly int[][] fromRight = new int[3][];

            public Sides(RowChunk joined, int leftColumns)
            {
                var plan = joined.Plan;
                int[][] slots = [plan.Features, plan.Numbers, plan.Texts];
                for (var kind = 0; kind < 3; kind++)
                {
                    fromLeft[kind] = Enumerable.Range(0, slots[kind].Length).Where(s => slots[kind][s] < leftColumns).ToArray();
                    fromRight[kind] = Enumerable.Range(0, slots[kind].Length).Where(s => slots[kind][s] >= leftColumns).ToArray();
                }

                int[] Columns(int kind, int[] which, int offset) => which.Select(s => slots[kind][s] - offset).ToArray();
                Left = new RowChunk(new ReadPlan(Columns(0, fromLeft[0], 0), Columns(1, fromLeft[1], 0), Columns(2, fromLeft[2], 0)), joined.Capacity);
                Right = new RowChunk(new ReadPlan(Columns(0, fromRight[0], leftColumns), Columns(1, fromRight[1], leftColumns), Columns(2, fromRight[2], leftColumns)), joined.Capacity);
            }

            public RowChunk Left { get; }

            public RowChunk Right { get; }

            public void CopyInto(RowChunk joined)
            {
                joined.FirstRow = Left.FirstRow;
                joined.Count = Left.Count;
                CopyFeatures(Left, fromLeft[0], joined);
                CopyFeatures(Right, fromRight[0], joined);
                for (var i = 0; i < fromLeft[1].Length; i++) Array.Copy(Left.Numbers[i], joined.Numbers[fromLeft[1][i]], joined.Count);
                for (var i = 0; i < fromRight[1].Length; i++) Array.Copy(Right.Numbers[i], joined.Numbers[fromRight[1][i]], joined.Count);
                for (var i = 0; i < fromLeft[2].Length; i++) Array.Copy(Left.Texts[i], joined.Texts[fromLeft[2][i]], joined.Count);
                for (var i = 0; i < fromRight[2].Length; i++) Array.Copy(Right.Texts[i], joined.Texts[fromRight[2][i]], joined.Count);
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
