namespace MultiTask
{
    /// <summary>How a token sequence becomes one vector.</summary>
    public enum TextEncoding
    {
        /// <summary>Token embeddings averaged over the non-padding positions.</summary>
        MeanPooling,
        /// <summary>Token and position embeddings through a Transformer encoder, then averaged over the non-padding positions.</summary>
        Transformer,
    }
}
