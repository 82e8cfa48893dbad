namespace MultiTask
{
    /// <summary>How a multi-valued categorical field's embeddings become one vector.</summary>
    public enum Pooling
    {
        /// <summary>The mean over the row's present values (zeros when it has none).</summary>
        Mean,
        /// <summary>The sum over the row's present values.</summary>
        Sum,
        /// <summary>The element-wise maximum over the row's present values (zeros when it has none).</summary>
        Max,
    }
}
