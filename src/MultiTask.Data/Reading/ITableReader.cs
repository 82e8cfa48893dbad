using System;
using System.Collections.Generic;

namespace MultiTask.Data.Reading
{
    /// <summary>One pass over a table file, chunk by chunk.</summary>
    internal interface ITableReader : IDisposable
    {
        /// <summary>The file, for messages.</summary>
        string File { get; }

        /// <summary>The column names; null for a file without a header.</summary>
        IReadOnlyList<string>? Header { get; }

        /// <summary>Number of columns.</summary>
        int ColumnCount { get; }

        /// <summary>
        /// Fills <paramref name="chunk"/> with the next consecutive rows and their <see cref="RowChunk.Lines"/>, as many as it holds
        /// unless the file ends first; false when no row is left.
        /// </summary>
        bool Read(RowChunk chunk);

        /// <summary>Column <paramref name="index"/> as messages name it: <c>'name'</c>, or its 1-based number.</summary>
        string ColumnName(int index);
    }
}
