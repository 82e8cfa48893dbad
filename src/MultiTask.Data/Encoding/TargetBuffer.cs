using System;
using System.Linq;

namespace MultiTask.Data.Encoding
{
    /// <summary>One task's encoded labels for a set of rows: int64 classes, or float values (<see cref="Width"/> per row), and which are present.</summary>
    internal sealed class TargetBuffer
    {
        public TargetBuffer(TaskDefinition task, int capacity)
        {
            Task = task;
            Width = task is RegressionTask regression ? regression.Outputs : 1;
            Resize(capacity);
        }

        public TaskDefinition Task { get; }

        public int Width { get; }

        public long[]? Classes { get; private set; }

        public float[]? Values { get; private set; }

        public bool[] Present { get; private set; } = [];

        public int Capacity => Present.Length;

        /// <summary>The bytes of its arrays.</summary>
        public long AllocatedBytes => ((Classes?.LongLength ?? 0) * sizeof(long)) + ((Values?.LongLength ?? 0) * sizeof(float)) + Present.LongLength;

        public void Resize(int capacity)
        {
            if (Task is ClassificationTask)
            {
                Classes = Grow(Classes, capacity);
            }
            else
            {
                Values = Grow(Values, capacity * Width);
            }

            Present = Grow(Present, capacity);
        }

        public void CopyRow(int from, TargetBuffer into, int to)
        {
            into.Present[to] = Present[from];
            if (Classes is not null)
            {
                into.Classes![to] = Classes[from];
            }
            else
            {
                Array.Copy(Values!, from * Width, into.Values!, to * Width, Width);
            }
        }

        /// <summary>Rows <paramref name="from"/> to <c>from + count - 1</c> into <paramref name="into"/> from row <paramref name="to"/> on.</summary>
        public void CopyRows(int from, TargetBuffer into, int to, int count)
        {
            Array.Copy(Present, from, into.Present, to, count);
            if (Classes is not null)
            {
                Array.Copy(Classes, from, into.Classes!, to, count);
            }
            else
            {
                Array.Copy(Values!, from * Width, into.Values!, to * Width, count * Width);
            }
        }

        /// <summary>The first <paramref name="rows"/> rows through the <see cref="TaskTarget"/> factories (a null mask when every label is present).</summary>
        public TaskTarget ToTarget(int rows)
        {
            var present = Present.AsSpan(0, rows);
            var mask = present.Contains(false) ? present.ToArray() : null;
            if (Classes is not null)
            {
                return TaskTarget.Classes(Classes.AsSpan(0, rows).ToArray(), mask);
            }

            if (Task is BinaryTask)
            {
                return TaskTarget.Binary(Values.AsSpan(0, rows).ToArray(), mask);
            }

            if (Width == 1)
            {
                return TaskTarget.Values(Values.AsSpan(0, rows).ToArray(), mask);
            }

            var values = new float[rows, Width];
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < Width; c++)
                {
                    values[r, c] = Values![(r * Width) + c];
                }
            }

            return TaskTarget.Values(values, mask);
        }

        private static T[] Grow<T>(T[]? array, int length)
        {
            var grown = new T[length];
            array?.AsSpan(0, Math.Min(array.Length, length)).CopyTo(grown);
            return grown;
        }
    }
}
