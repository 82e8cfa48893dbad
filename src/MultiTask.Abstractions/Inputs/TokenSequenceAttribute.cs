using System;

namespace MultiTask
{
    /// <summary>
    /// A token-sequence input field read by a built-in text encoder. Put it on a <c>public partial TextEncoder Name { get; }</c>
    /// property. A batch holds int64 token ids <c>[N, Length]</c>; id 0 is padding (the padding mask is <c>ids != 0</c>), so
    /// tokens are <c>1 .. Vocabulary - 1</c>. The encoder's output, <see cref="Width"/> wide, is what the trunk reads of it.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
    public sealed class TokenSequenceAttribute : Attribute
    {
        /// <summary>The number of token ids including padding id 0; at least 2.</summary>
        public int Vocabulary { get; set; }

        /// <summary>Tokens a row holds (shorter texts are padded); positive.</summary>
        public int Length { get; set; }

        /// <summary>The embedding and encoder width; positive, and a multiple of <see cref="Heads"/> for the Transformer.</summary>
        public int Width { get; set; }

        /// <summary>Mean pooling of the embeddings, or a Transformer encoder.</summary>
        public TextEncoding Encoder { get; set; } = TextEncoding.MeanPooling;

        /// <summary>The Transformer's layers; positive.</summary>
        public int Layers { get; set; } = 1;

        /// <summary>The Transformer's attention heads; positive, dividing <see cref="Width"/>.</summary>
        public int Heads { get; set; } = 2;

        /// <summary>The width of the Transformer's feed-forward layers; unset means twice <see cref="Width"/>.</summary>
        public int FeedForward { get; set; }

        /// <summary>The Transformer's dropout probability, in [0, 1).</summary>
        public double Dropout { get; set; }
    }
}
