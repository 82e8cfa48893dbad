using System;
using System.Linq;
using MultiTask.Data.Reading;

namespace MultiTask.Data.Encoding
{
    /// <summary>Finds a column map's columns in a file: one column by name or position, or the columns an <see cref="InputColumns"/> selects.</summary>
    internal static class ColumnFinder
    {
        /// <summary>The columns <paramref name="spec"/> selects, which must be <paramref name="count"/>; <paramref name="taker"/> ends the message (e.g. <c>Model takes 3 inputs</c>).</summary>
        public static int[] Select(InputColumns spec, int count, string taker, ITableReader reader)
        {
            int[] columns;
            if (spec.StartsWith is { } prefix)
            {
                var header = reader.Header ?? throw new DataFileException(reader.File, $"the file has no header, so {spec} cannot be found; give the columns by position");
                columns = Enumerable.Range(0, header.Count).Where(c => header[c].StartsWith(prefix, StringComparison.Ordinal)).ToArray();
            }
            else if (spec.First is { } first)
            {
                int from = Find(first, reader, "the features"), to = Find(spec.Last!.Value, reader, "the features");
                if (to < from)
                {
                    throw new DataFileException(reader.File, $"the feature range ends at {reader.ColumnName(to)}, before its first column {reader.ColumnName(from)}");
                }

                columns = Enumerable.Range(from, to - from + 1).ToArray();
            }
            else
            {
                columns = spec.Names.Select(c => Find(c, reader, "the features")).ToArray();
            }

            if (columns.Length != count)
            {
                throw new DataFileException(reader.File, $"{spec} select {columns.Length} column(s), but {taker}");
            }

            return columns;
        }

        /// <summary>The index of <paramref name="column"/>; <paramref name="user"/> (e.g. <c>task 'Size'</c>) starts the message when it is missing.</summary>
        public static int Find(FileColumn column, ITableReader reader, string user)
        {
            if (column.Name is not { } name)
            {
                return column.Index < reader.ColumnCount
                    ? column.Index
                    : throw new DataFileException(reader.File, $"{user} reads column {Cells.ColumnNumber(column.Index)} (#{column.Index}, from zero), but the file has {reader.ColumnCount} columns");
            }

            var header = reader.Header ?? throw new DataFileException(reader.File, $"{user} reads the column '{name}', but the file has no header; give the column by position", column: $"'{name}'");
            for (var c = 0; c < header.Count; c++)
            {
                if (header[c] == name)
                {
                    return c;
                }
            }

            var known = string.Join(", ", header.Take(12).Select(h => $"'{h}'")) + (header.Count > 12 ? ", ..." : string.Empty);
            throw new DataFileException(reader.File, $"{user} reads the column '{name}', which the file does not have (its columns: {known})", column: $"'{name}'");
        }
    }
}
