using System;

namespace MultiTask
{
    /// <summary>
    /// The column of a categorical field. A column of whole numbers holds ids, read as they are; a column with any other text
    /// holds names, mapped to ids by a vocabulary learned on the training rows (hashed for a field with <c>HashBuckets</c>).
    /// A multi-valued field (<c>Values</c> above 1) reads several values from one cell, split at <see cref="Separator"/>.
    /// Converts from a <see cref="string"/> (a header name) and an <see cref="int"/> (a zero-based position).
    /// </summary>
    public sealed class CategoryColumn
    {
        private CategoryColumn(FileColumn column, char? separator)
        {
            Column = column;
            Separator = separator;
        }

        /// <summary>The column.</summary>
        public FileColumn Column { get; }

        /// <summary>What separates the values of a multi-valued cell (e.g. <c>'|'</c> in <c>a|b|c</c>); null for one value per cell.</summary>
        public char? Separator { get; }

        /// <summary>The column <paramref name="column"/> (a header name or a position), its values split at <paramref name="separator"/> when given.</summary>
        public static CategoryColumn Named(FileColumn column, char? separator = null)
        {
            if (separator is { } s && (char.IsWhiteSpace(s) || char.IsLetterOrDigit(s) || s == '-'))
            {
                throw new ArgumentException($"The separator '{s}' would split ids or names; use a punctuation mark such as '|' or ';'.", nameof(separator));
            }

            return new CategoryColumn(column, separator);
        }

        /// <summary>The column whose header is <paramref name="name"/>.</summary>
        public static implicit operator CategoryColumn(string name) => Named(name);

        /// <summary>The column at zero-based position <paramref name="index"/>.</summary>
        public static implicit operator CategoryColumn(int index) => Named(index);

        /// <inheritdoc />
        public override string ToString() => Separator is { } s ? $"column {Column} (values split at '{s}')" : $"column {Column}";
    }
}
