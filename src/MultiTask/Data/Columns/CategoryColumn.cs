using System;
using System.Collections.Generic;
using System.Linq;

namespace MultiTask
{
    /// <summary>The column(s) of a categorical field: one for a single id a row, one per value of a multi-valued field.</summary>
    public sealed class CategoryColumn
    {
        private CategoryColumn(IReadOnlyList<FileColumn> columns) => Columns = columns;

        /// <summary>The columns, in value order.</summary>
        public IReadOnlyList<FileColumn> Columns { get; }

        /// <summary>These columns, in this order.</summary>
        public static CategoryColumn Of(params FileColumn[] columns)
        {
            ArgumentNullException.ThrowIfNull(columns);
            if (columns.Length == 0)
            {
                throw new ArgumentException("Name at least one column of the field.", nameof(columns));
            }

            return new CategoryColumn(columns.ToArray());
        }

        /// <summary>The one column <paramref name="column"/>.</summary>
        public static implicit operator CategoryColumn(string column) => Of(column);

        /// <inheritdoc />
        public override string ToString() => "the columns " + string.Join(", ", Columns);
    }
}
