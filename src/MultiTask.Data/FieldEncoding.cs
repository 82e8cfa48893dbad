using System.Collections.Generic;

namespace MultiTask.Data
{
    /// <summary>How the cells of a categorical or token-sequence field become int64 ids.</summary>
    public enum FieldValues
    {
        /// <summary>Whole numbers, read as the ids they are.</summary>
        Ids,

        /// <summary>Names, mapped by <see cref="FieldEncoding.Vocabulary"/>: name i is id i; any other name is <see cref="FieldEncoding.Unknown"/>.</summary>
        Names,

        /// <summary>Names of a hashed field, each hashed to an int64 id by 64-bit FNV-1a over its UTF-8 bytes (the encoder takes it modulo the buckets).</summary>
        HashedNames,

        /// <summary>Text split into lower-cased words: word i of <see cref="FieldEncoding.Vocabulary"/> is id i + 2, any other word is id 1, padding is id 0.</summary>
        Words,
    }

    /// <summary>
    /// How one categorical or token-sequence field's cells were read, kept in the <see cref="DataPreparation"/> so that new rows
    /// get the ids the model was trained with.
    /// </summary>
    /// <param name="Field">The field's name.</param>
    /// <param name="Values">Ids, names (with a vocabulary or hashed), or words.</param>
    /// <param name="Width">Ids per row: the field's <c>Values</c> (categorical) or <c>Length</c> (token sequence).</param>
    /// <param name="Separator">What separates the values of a multi-valued cell; null for one value per cell.</param>
    /// <param name="Unknown">The id of a name or word outside the vocabulary: the field's vocabulary size (its reserved row) for names, 1 for words.</param>
    /// <param name="Vocabulary">The names or words, most frequent in the training rows first (ties in ordinal order); null for ids and hashed names.</param>
    public sealed record FieldEncoding(string Field, FieldValues Values, int Width, char? Separator, long Unknown, IReadOnlyList<string>? Vocabulary);

    /// <summary>A dense field's columns among the standardizer's: columns <paramref name="First"/> to <paramref name="First"/> + <paramref name="Width"/> - 1.</summary>
    /// <param name="Field">The field's name.</param>
    /// <param name="First">Its first column in <see cref="DataPreparation.Scaler"/>.</param>
    /// <param name="Width">Its number of columns.</param>
    public sealed record StandardizedField(string Field, int First, int Width);
}
