using System;

namespace MultiTask
{
    /// <summary>
    /// A categorical input field read through an embedding table. Put it on a <c>public partial CategoricalEmbedding Name { get; }</c>
    /// property. A batch holds int64 ids: <c>[N]</c> for one value a row, <c>[N, Values]</c> for a multi-valued field (-1 marks
    /// an empty slot). Declare exactly one of <see cref="Vocabulary"/> and <see cref="HashBuckets"/>.
    /// </summary>
    /// <remarks>
    /// The table has one reserved row beyond the vocabulary: at prediction time an id outside <c>[0, Vocabulary)</c> reads it
    /// (it starts at zero and training never moves it); in a training or evaluation data set such an id is an error naming the
    /// field and the row.
    /// </remarks>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
    public sealed class CategoricalAttribute : Attribute
    {
        /// <summary>The number of ids, <c>[0, Vocabulary)</c>; positive.</summary>
        public int Vocabulary { get; set; }

        /// <summary>Instead of a vocabulary: any int64 id (or, through the data readers, any string) hashed into this many rows; positive.</summary>
        public int HashBuckets { get; set; }

        /// <summary>The embedding width; positive. With <see cref="SharesTableWith"/>, it must equal that field's.</summary>
        public int Width { get; set; }

        /// <summary>The name of another categorical field whose table this one reads (e.g. a clicked item and a candidate item); its vocabulary and width apply.</summary>
        public string? SharesTableWith { get; set; }

        /// <summary>Values a row holds: 1 for a single id (<c>[N]</c>), more for a multi-valued field (<c>[N, Values]</c>, pooled by <see cref="Pooling"/>).</summary>
        public int Values { get; set; } = 1;

        /// <summary>How a multi-valued field's embeddings are pooled.</summary>
        public Pooling Pooling { get; set; } = Pooling.Mean;
    }
}
