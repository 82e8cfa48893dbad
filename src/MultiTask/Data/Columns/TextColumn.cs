namespace MultiTask
{
    /// <summary>
    /// The column of a token-sequence field: text, lower-cased and split into words at every character that is not a letter or
    /// a digit, each word mapped to its id in a vocabulary learned on the training rows. Converts from a <see cref="string"/> (a
    /// header name) and an <see cref="int"/> (a zero-based position).
    /// </summary>
    public sealed class TextColumn
    {
        private TextColumn(FileColumn column) => Column = column;

        /// <summary>The column.</summary>
        public FileColumn Column { get; }

        /// <summary>The column <paramref name="column"/>: a header name or a position.</summary>
        public static TextColumn Named(FileColumn column) => new(column);

        /// <summary>The column whose header is <paramref name="name"/>.</summary>
        public static implicit operator TextColumn(string name) => Named(name);

        /// <summary>The column at zero-based position <paramref name="index"/>.</summary>
        public static implicit operator TextColumn(int index) => Named(index);

        /// <inheritdoc />
        public override string ToString() => $"column {Column}";
    }
}
