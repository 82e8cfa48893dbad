namespace MultiTask.Data.Reading
{
    /// <summary>
    /// Which source columns a reader fills in a <see cref="RowChunk"/>: the features (numbers that must be present), the
    /// numeric target columns (NaN where missing) and the text target columns (null where missing).
    /// </summary>
    internal sealed record ReadPlan(int[] Features, int[] Numbers, int[] Texts);
}
