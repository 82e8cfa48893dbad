namespace MultiTask
{
    /// <summary>The column holding a token-sequence field's text.</summary>
    /// <param name="Column">The column.</param>
    public sealed record TextColumn(FileColumn Column)
    {
        /// <summary>The column named <paramref name="column"/>.</summary>
        public static implicit operator TextColumn(string column) => new(FileColumn.Named(column));
    }
}
