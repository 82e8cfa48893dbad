using System;
using System.Collections.Generic;
using System.Linq;

namespace MultiTask
{
    /// <summary>How the feature columns are chosen: <see cref="Named"/>, a <see cref="Range"/> of adjacent columns, or every column with a <see cref="Prefix"/>.</summary>
    public sealed class InputColumns
    {
        private InputColumns(IReadOnlyList<FileColumn> named, FileColumn? first, FileColumn? last, string? prefix)
        {
            Names = named;
            First = first;
            Last = last;
            StartsWith = prefix;
        }

        /// <summary>The columns listed by <see cref="Named"/>, in order; empty otherwise.</summary>
        public IReadOnlyList<FileColumn> Names { get; }

        /// <summary>The first column of a <see cref="Range"/>.</summary>
        public FileColumn? First { get; }

        /// <summary>The last column (included) of a <see cref="Range"/>.</summary>
        public FileColumn? Last { get; }

        /// <summary>The prefix of <see cref="Prefix"/>.</summary>
        public string? StartsWith { get; }

        /// <summary>These columns, in this order.</summary>
        public static InputColumns Named(params FileColumn[] columns)
        {
            ArgumentNullException.ThrowIfNull(columns);
            if (columns.Length == 0)
            {
                throw new ArgumentException("Name at least one input column.", nameof(columns));
            }

            return new InputColumns(columns.ToArray(), null, null, null);
        }

        /// <summary>The columns from <paramref name="first"/> to <paramref name="last"/>, both included, in file order.</summary>
        public static InputColumns Range(FileColumn first, FileColumn last) => new([], first, last, null);

        /// <summary>Every column whose header starts with <paramref name="prefix"/>, in file order.</summary>
        public static InputColumns Prefix(string prefix)
        {
            ArgumentException.ThrowIfNullOrEmpty(prefix);
            return new InputColumns([], null, null, prefix);
        }

        /// <inheritdoc />
        public override string ToString() => StartsWith is not null ? $"the columns starting with '{StartsWith}'"
            : First is { } first ? $"the columns {first} to {Last}"
            : "the columns " + string.Join(", ", Names);
    }
}
