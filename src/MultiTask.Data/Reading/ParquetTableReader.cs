using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Parquet;
using Parquet.Schema;

namespace MultiTask.Data.Reading
{
    /// <summary>A Parquet file read with Parquet.Net, one row group in memory at a time.</summary>
    internal sealed class ParquetTableReader : ITableReader
    {
        private readonly Stream stream;
        private readonly ParquetReader parquet;
        private readonly DataField[] fields;
        private readonly Dictionary<int, float[]> numbers = [];
        private readonly Dictionary<int, string?[]> texts = [];
        private readonly Dictionary<Type, Array> scratch = [];
        private float[] numbersOfTexts = [];
        private int group = -1;
        private int groupRows;
        private int offset;
        private long row;

        public ParquetTableReader(string path)
        {
            File = path;
            stream = System.IO.File.OpenRead(path);
            try
            {
                parquet = Wait(ParquetReader.CreateAsync(stream));
            }
            catch (Exception e) when (e is not DataFileException)
            {
                var empty = stream.Length == 0;
                stream.Dispose();
                throw new DataFileException(path, empty ? "the file is empty" : "not a Parquet file: " + e.Message, inner: e);
            }

            fields = parquet.Schema.GetDataFields();
            Header = fields.Select(f => f.Name).ToArray();
        }

        public string File { get; }

        public IReadOnlyList<string>? Header { get; }

        public int ColumnCount => fields.Length;

        public bool Read(RowChunk chunk)
        {
            chunk.FirstRow = row;
            chunk.Count = 0;
            while (chunk.Count < chunk.Capacity && (offset < groupRows || NextGroup(chunk.Plan)))
            {
                Copy(chunk, Math.Min(chunk.Capacity - chunk.Count, groupRows - offset));
            }

            return chunk.Count > 0;
        }

        private void Copy(RowChunk chunk, int count)
        {
            var plan = chunk.Plan;
            var at = chunk.Count;
            var width = plan.Features.Length;
            for (var f = 0; f < width; f++)
            {
                var source = numbers[plan.Features[f]];
                for (var r = 0; r < count; r++)
                {
                    var value = source[offset + r];
                    chunk.Features[((at + r) * width) + f] = float.IsNaN(value)
                        ? throw new DataFileException(File, "no value, and an input cannot be missing", LineOf(row + r), ColumnName(plan.Features[f]))
                        : value;
                }
            }

            for (var r = 0; r < count; r++)
            {
                chunk.Lines[at + r] = LineOf(row + r);
            }

            for (var s = 0; s < plan.Numbers.Length; s++)
            {
                Array.Copy(numbers[plan.Numbers[s]], offset, chunk.Numbers[s], at, count);
            }

            for (var s = 0; s < plan.Texts.Length; s++)
            {
                Array.Copy(texts[plan.Texts[s]], offset, chunk.Texts[s], at, count);
            }

            for (var s = 0; s < plan.Cells.Length; s++)
            {
                Array.Copy(texts[plan.Cells[s]], offset, chunk.Cells[s], at, count);
            }

            chunk.Count += count;
            offset += count;
            row += count;
        }

        private static long LineOf(long dataRow) => dataRow + 1;

        public string ColumnName(int index) => $"'{fields[index].Name}'";

        public void Dispose()
        {
            parquet.DisposeAsync().AsTask().GetAwaiter().GetResult();
            stream.Dispose();
        }

        private bool NextGroup(ReadPlan plan)
        {
            if (++group >= parquet.RowGroupCount)
            {
                return false;
            }

            using var reader = parquet.OpenRowGroupReader(group);
            groupRows = checked((int)reader.RowCount);
            offset = 0;
            foreach (var column in plan.Features.Concat(plan.Numbers).Distinct())
            {
                numbers[column] = ReadNumbers(reader, column, Reuse(numbers, column));
            }

            foreach (var column in plan.Texts.Concat(plan.Cells).Distinct())
            {
                texts[column] = ReadTexts(reader, column, Reuse(texts, column));
            }

            return true;
        }

        private T[] Reuse<T>(Dictionary<int, T[]> buffers, int column)
            => buffers.TryGetValue(column, out var buffer) && buffer.Length >= groupRows ? buffer : new T[groupRows];

        private float[] ReadNumbers(ParquetRowGroupReader reader, int column, float[] into)
        {
            var field = fields[column];
            var type = field.ClrType;
            if (type == typeof(float)) Convert<float>(reader, field, into, v => v);
            else if (type == typeof(double)) Convert<double>(reader, field, into, v => (float)v);
            else if (type == typeof(int)) Convert<int>(reader, field, into, v => v);
            else if (type == typeof(long)) Convert<long>(reader, field, into, v => v);
            else if (type == typeof(short)) Convert<short>(reader, field, into, v => v);
            else if (type == typeof(bool)) Convert<bool>(reader, field, into, v => v ? 1 : 0);
            else throw new DataFileException(File, $"a column of {type.Name} values, not numbers", column: ColumnName(column));
            return into;
        }

        private void Convert<T>(ParquetRowGroupReader reader, DataField field, float[] into, Func<T, float> convert)
            where T : struct
        {
            if (field.IsNullable)
            {
                var values = Scratch<T?>();
                Wait(reader.ReadAsync<T>(field, values.AsMemory(0, groupRows)));
                for (var r = 0; r < groupRows; r++)
                {
                    into[r] = values[r] is { } value ? convert(value) : float.NaN;
                }
            }
            else
            {
                var values = Scratch<T>();
                Wait(reader.ReadAsync<T>(field, values.AsMemory(0, groupRows)));
                for (var r = 0; r < groupRows; r++)
                {
                    into[r] = convert(values[r]);
                }
            }
        }

        /// <summary>
        /// A buffer of at least a row group's values, one per element type, reused by every column and group instead of a new
        /// array per column and group on the large object heap, which only a full collection frees.
        /// </summary>
        private T[] Scratch<T>()
        {
            if (!scratch.TryGetValue(typeof(T), out var buffer) || buffer.Length < groupRows)
            {
                buffer = new T[groupRows];
                scratch[typeof(T)] = buffer;
            }

            return (T[])buffer;
        }

        private string?[] ReadTexts(ParquetRowGroupReader reader, int column, string?[] into)
        {
            var field = fields[column];
            if (field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>))
            {
                Wait(reader.ReadAsync(field, into.AsMemory(0, groupRows)));
                return into;
            }

            // Integer ids stay exact (a float holds integers only up to 2^24).
            if (field.ClrType == typeof(long)) return Integers<long>(reader, field, into, v => v);
            if (field.ClrType == typeof(int)) return Integers<int>(reader, field, into, v => v);
            if (field.ClrType == typeof(short)) return Integers<short>(reader, field, into, v => v);

            numbersOfTexts = numbersOfTexts.Length >= groupRows ? numbersOfTexts : new float[groupRows];
            var values = ReadNumbers(reader, column, numbersOfTexts);
            for (var r = 0; r < groupRows; r++)
            {
                into[r] = float.IsNaN(values[r]) ? null : values[r].ToString(CultureInfo.InvariantCulture);
            }

            return into;
        }

        private string?[] Integers<T>(ParquetRowGroupReader reader, DataField field, string?[] into, Func<T, long> convert)
            where T : struct
        {
            if (field.IsNullable)
            {
                var values = Scratch<T?>();
                Wait(reader.ReadAsync<T>(field, values.AsMemory(0, groupRows)));
                for (var r = 0; r < groupRows; r++)
                {
                    into[r] = values[r] is { } value ? convert(value).ToString(CultureInfo.InvariantCulture) : null;
                }
            }
            else
            {
                var values = Scratch<T>();
                Wait(reader.ReadAsync<T>(field, values.AsMemory(0, groupRows)));
                for (var r = 0; r < groupRows; r++)
                {
                    into[r] = convert(values[r]).ToString(CultureInfo.InvariantCulture);
                }
            }

            return into;
        }

        private static T Wait<T>(System.Threading.Tasks.Task<T> task) => task.GetAwaiter().GetResult();

        private static void Wait(System.Threading.Tasks.ValueTask task) => task.GetAwaiter().GetResult();

        private static void Wait<T>(System.Threading.Tasks.ValueTask<T> task) => task.GetAwaiter().GetResult();
    }
}
