using System;
using System.Collections.Generic;
using System.Linq;

namespace MultiTask
{
    /// <summary>
    /// Where one task's target is in a data file: one column, or <c>m</c> columns for an <c>m</c>-output regression. An empty
    /// cell (or <c>NA</c>, <c>NaN</c>, <c>null</c>, a Parquet null) is a missing label: the row is masked for that task.
    /// A classification or binary column of names (not numbers) is mapped to class indices in <see cref="Classes"/> order, or
    /// in ordinal order of the names when <see cref="Classes"/> is not given.
    /// </summary>
    public sealed class TargetColumn
    {
        private TargetColumn(IReadOnlyList<FileColumn> columns, Func<double, double>? transform, IReadOnlyList<string>? classes)
        {
            Columns = columns;
            Transform = transform;
            Classes = classes;
        }

        /// <summary>The column, or the columns of a multi-output regression in output order.</summary>
        public IReadOnlyList<FileColumn> Columns { get; }

        /// <summary>Applied to every numeric value read (e.g. <c>d => d % 2 == 0 ? 1 : 0</c> for an is-even task from a digit column).</summary>
        public Func<double, double>? Transform { get; }

        /// <summary>The class names in index order (a binary task's second name is the positive class); null to take them from the data.</summary>
        public IReadOnlyList<string>? Classes { get; }

        /// <summary>The target in <paramref name="columns"/> (more than one for a multi-output regression).</summary>
        public static TargetColumn Of(params FileColumn[] columns)
        {
            ArgumentNullException.ThrowIfNull(columns);
            if (columns.Length == 0)
            {
                throw new ArgumentException("A target needs at least one column.", nameof(columns));
            }

            return new TargetColumn(columns.ToArray(), null, null);
        }

        /// <summary>The target in the column whose header is <paramref name="name"/>.</summary>
        public static implicit operator TargetColumn(string name) => Of(name);

        /// <summary>The target in the column at zero-based position <paramref name="index"/>.</summary>
        public static implicit operator TargetColumn(int index) => Of(index);

        /// <summary>The same columns with <paramref name="transform"/> applied to every numeric value.</summary>
        public TargetColumn Map(Func<double, double> transform)
        {
            ArgumentNullException.ThrowIfNull(transform);
            return new TargetColumn(Columns, transform, Classes);
        }

        /// <summary>The same column read as names, class <c>i</c> being <paramref name="names"/>[i]; any other name is an error.</summary>
        public TargetColumn WithClasses(params string[] names)
        {
            ArgumentNullException.ThrowIfNull(names);
            if (names.Length < 2 || names.Distinct(StringComparer.Ordinal).Count() != names.Length)
            {
                throw new ArgumentException("Give at least two distinct class names.", nameof(names));
            }

            return new TargetColumn(Columns, Transform, names.ToArray());
        }

        /// <inheritdoc />
        public override string ToString() => Columns.Count == 1 ? $"column {Columns[0]}" : "columns " + string.Join(", ", Columns);
    }
}
