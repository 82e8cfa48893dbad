namespace MultiTask.Data.Reading
{
    /// <summary>
    /// Which source columns a reader fills in a <see cref="RowChunk"/>: the features (numbers that must be present), the
    /// numeric target columns (NaN where missing), the text target columns (null where missing) and the cells of categorical
    /// and text fields (as written, null where missing).
    /// </summary>
    internal sealed record ReadPlan(int[] Features, int[] Numbers, int[] Texts, int[] Cells)
    {
        /// <summary>The slots of each kind, in <see cref="Features"/>, <see cref="Numbers"/>, <see cref="Texts"/>, <see cref="Cells"/> order.</summary>
        public int[][] Kinds => [Features, Numbers, Texts, Cells];
    }
}
