using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Sylvan.Data.Csv;

namespace MultiTask.Data.Reading
{
    /// <summary>A delimited text file (CSV, TSV, optionally gzip-compressed) read with Sylvan.Data.Csv.</summary>
    internal sealed class CsvTableReader : ITableReader
    {
        private const int MostNames = 1 << 16;
        private readonly CsvDataReader reader;
        private readonly Dictionary<string, string> names = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> nameLookup;
        private long row;
        private long line;

        public CsvTableReader(string path, char delimiter, bool hasHeader)
        {
            File = path;
            nameLookup = names.GetAlternateLookup<ReadOnlySpan<char>>();
            Stream stream = System.IO.File.OpenRead(path);
            try
            {
                if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
                {
                    stream = new GZipStream(stream, CompressionMode.Decompress);
                }

                var options = new CsvDataReaderOptions { HasHeaders = hasHeader, Delimiter = delimiter, BufferSize = 1 << 16 };
                reader = CsvDataReader.Create(new StreamReader(stream), options);
            }
            catch (CsvMissingHeadersException e)
            {
                stream.Dispose();
                throw new DataFileException(path, "the file is empty", inner: e);
            }
            catch
            {
                stream.Dispose();
                throw;
            }

            ColumnCount = reader.FieldCount;
            if (ColumnCount == 0 || (!hasHeader && reader.RowFieldCount == 0))
            {
                reader.Dispose();
                throw new DataFileException(path, "the file is empty");
            }

            Header = hasHeader ? Enumerable.Range(0, ColumnCount).Select(reader.GetName).ToArray() : null;

            // Sylvan keeps the line breaks of a quoted name, so the header's lines are its names' breaks plus its own end.
            line = 1 + (Header is null ? 0 : 1 + Header.Sum(name => LineBreaks.In(name)));
        }

        public string File { get; }

        public IReadOnlyList<string>? Header { get; }

        public int ColumnCount { get; }

        public bool Read(RowChunk chunk)
        {
            var plan = chunk.Plan;
            var width = plan.Features.Length;
            chunk.FirstRow = row;
            var count = 0;
            while (count < chunk.Capacity && reader.Read())
            {
                chunk.Lines[count] = line;
                if (reader.RowFieldCount != ColumnCount)
                {
                    throw new DataFileException(File, $"expected {ColumnCount} fields, found {reader.RowFieldCount}", line);
                }

                for (var f = 0; f < width; f++)
                {
                    chunk.Features[(count * width) + f] = Feature(plan.Features[f]);
                }

                for (var s = 0; s < plan.Numbers.Length; s++)
                {
                    chunk.Numbers[s][count] = Number(plan.Numbers[s]);
                }

                for (var s = 0; s < plan.Texts.Length; s++)
                {
                    chunk.Texts[s][count] = Text(plan.Texts[s]);
                }

                for (var s = 0; s < plan.Cells.Length; s++)
                {
                    chunk.Cells[s][count] = Text(plan.Cells[s]);
                }

                count++;
                row++;
                line += LineBreaks.In(reader.GetRawRecordSpan());
            }

            chunk.Count = count;
            return count > 0;
        }

        public string ColumnName(int index) => Header is null ? Cells.ColumnNumber(index) : $"'{Header[index]}'";

        public void Dispose() => reader.Dispose();

        private float Feature(int column)
        {
            var cell = reader.GetFieldSpan(column);
            if (Cells.IsMissing(cell))
            {
                throw new DataFileException(File, "no value, and an input cannot be missing", line, ColumnName(column));
            }

            return Cells.TryNumber(cell, out var value) ? (float)value : throw NotANumber(column, cell);
        }

        private float Number(int column)
        {
            var cell = reader.GetFieldSpan(column);
            if (Cells.IsMissing(cell))
            {
                return float.NaN;
            }

            return Cells.TryNumber(cell, out var value) ? (float)value : throw NotANumber(column, cell);
        }

        private string? Text(int column)
        {
            var cell = reader.GetFieldSpan(column);
            if (Cells.IsMissing(cell))
            {
                return null;
            }

            // Class and category columns repeat few names: one string per distinct name, not one per row (up to a bound, so
            // that a column of free text does not keep every row's text).
            if (!nameLookup.TryGetValue(cell, out var name))
            {
                name = cell.ToString();
                if (names.Count < MostNames)
                {
                    names[name] = name;
                }
            }

            return name;
        }

        private DataFileException NotANumber(int column, ReadOnlySpan<char> cell)
            => new(File, $"'{cell.ToString()}' is not a number", line, ColumnName(column));
    }
}
