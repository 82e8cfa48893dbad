namespace MultiTask.Generators.Model
{
    /// <summary>An input field: a partial property whose type is the field kind's encoder module.</summary>
    /// <param name="Accessibility">The property's accessibility keywords, repeated on the implementation part.</param>
    internal abstract record FieldInfo(string Name, string Accessibility)
    {
        /// <summary>Width of the field's encoding: what it adds to the trunk's input.</summary>
        public abstract int Width { get; }
    }

    /// <summary><c>[Dense(size)]</c>: float features read as they are.</summary>
    internal sealed record DenseFieldInfo(string Name, string Accessibility, int Size) : FieldInfo(Name, Accessibility)
    {
        public override int Width => Size;
    }

    /// <summary><c>[Categorical]</c>: ids through an embedding table (another field's when <paramref name="SharesTableWith"/> is set).</summary>
    /// <param name="Vocabulary">The ids, or with <paramref name="Hashed"/> the hash buckets; a sharer's is its owner's.</param>
    /// <param name="EmbeddingWidth">The table's width; a sharer's is its owner's.</param>
    /// <param name="SharesTableWith">The field owning the table this one reads, or null for its own table.</param>
    internal sealed record CategoricalFieldInfo(
        string Name,
        string Accessibility,
        int Vocabulary,
        bool Hashed,
        int EmbeddingWidth,
        string? SharesTableWith,
        int Values,
        string Pooling) : FieldInfo(Name, Accessibility)
    {
        public override int Width => EmbeddingWidth;
    }

    /// <summary><c>[TokenSequence]</c>: token ids through a text encoder.</summary>
    /// <param name="FeedForward">The Transformer's feed-forward width, resolved (twice the width when unset).</param>
    internal sealed record TokenSequenceFieldInfo(
        string Name,
        string Accessibility,
        int Vocabulary,
        int Length,
        int EncoderWidth,
        string Encoder,
        int Layers,
        int Heads,
        int FeedForward,
        double Dropout) : FieldInfo(Name, Accessibility)
    {
        public override int Width => EncoderWidth;
    }

    /// <summary><c>[Image(channels, height, width)]</c>: images through a convolutional trunk of 2x2-pooled blocks.</summary>
    internal sealed record ImageFieldInfo(
        string Name,
        string Accessibility,
        int Channels,
        int Height,
        int ImageWidth,
        EquatableArray<int> Convolutions,
        int Kernel) : FieldInfo(Name, Accessibility)
    {
        /// <summary>The last block's channels times the pooled height and width (floor-halved once per block).</summary>
        public override int Width => Convolutions.IsEmpty
            ? 0
            : Convolutions[Convolutions.Count - 1] * (Height >> Convolutions.Count) * (ImageWidth >> Convolutions.Count);
    }
}
