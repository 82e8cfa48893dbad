using System;
using System.Globalization;

namespace MultiTask.Data
{
    /// <summary>A data file that cannot be read as the column map says: the message names the file, and the line (or row) and column where known.</summary>
    public sealed class DataFileException : Exception
    {
        /// <summary>An error in <paramref name="file"/>, at <paramref name="line"/> and <paramref name="column"/> where known.</summary>
        public DataFileException(string file, string problem, long? line = null, string? column = null, Exception? inner = null)
            : base(Describe(file, line, column) + ": " + problem, inner)
        {
            File = file;
            Line = line;
            Column = column;
        }

        /// <summary>The file.</summary>
        public string File { get; }

        /// <summary>The 1-based line of a text file (the header is line 1), or the 1-based row of a Parquet file; null for the whole file.</summary>
        public long? Line { get; }

        /// <summary>The column: its header name in quotes, or its 1-based number in a file without a header.</summary>
        public string? Column { get; }

        private static string Describe(string file, long? line, string? column)
        {
            var where = file;
            if (line is { } number)
            {
                where += ", line " + number.ToString(CultureInfo.InvariantCulture);
            }

            return column is null ? where : where + ", column " + column;
        }
    }
}
