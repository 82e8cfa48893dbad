using System;
using System.Globalization;

namespace MultiTask
{
    /// <summary>
    /// A column of a data file: by its header name, or by its zero-based position (for files without a header). Converts
    /// from a <see cref="string"/> (a name) and an <see cref="int"/> (a position).
    /// </summary>
    public readonly record struct FileColumn
    {
        private FileColumn(string? name, int index)
        {
            Name = name;
            Index = index;
        }

        /// <summary>The header name; null for a column given by position.</summary>
        public string? Name { get; }

        /// <summary>The zero-based position; -1 for a column given by name.</summary>
        public int Index { get; }

        /// <summary>The column whose header is <paramref name="name"/>.</summary>
        public static FileColumn Named(string name)
        {
            ArgumentException.ThrowIfNullOrEmpty(name);
            return new FileColumn(name, -1);
        }

        /// <summary>The column at zero-based position <paramref name="index"/>.</summary>
        public static FileColumn At(int index)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            return new FileColumn(null, index);
        }

        /// <summary>The column whose header is <paramref name="name"/>.</summary>
        public static implicit operator FileColumn(string name) => Named(name);

        /// <summary>The column at zero-based position <paramref name="index"/>.</summary>
        public static implicit operator FileColumn(int index) => At(index);

        /// <summary><c>'name'</c>, or <c>#index</c> (zero-based) for a column given by position.</summary>
        public override string ToString() => Name is null ? "#" + Index.ToString(CultureInfo.InvariantCulture) : $"'{Name}'";
    }
}
