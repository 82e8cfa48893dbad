using System;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Data.Encoding
{
    /// <summary>A categorical or token-sequence field: one cell per row, kept as written and turned into ids with the preparation's <see cref="FieldEncoding"/>.</summary>
    internal sealed class CellPart : InputPart
    {
        public CellPart(string name, string columnName, FieldEncoding template, long vocabulary, bool hashed)
            : base(name)
        {
            ColumnName = columnName;
            Template = template;
            Vocabulary = vocabulary;
            Hashed = hashed;
        }

        /// <summary>Its cell's index among a row's cells (and its slot in a chunk's cells).</summary>
        public int Slot { get; set; }

        /// <summary>The column, as messages name it.</summary>
        public string ColumnName { get; }

        /// <summary>The field's encoding before the cells are seen: width, separator and unknown id.</summary>
        public FieldEncoding Template { get; }

        /// <summary>The declared vocabulary (or hash buckets).</summary>
        public long Vocabulary { get; }

        public bool Hashed { get; }

        public bool IsText => Template.Values == FieldValues.Words;

        /// <summary>int64 <c>[N]</c> for a categorical field with one value per row, else <c>[N, width]</c>.</summary>
        public override Tensor ToTensor(RowStore store, DataPreparation preparation, bool standardized)
        {
            var encoder = preparation.EncoderOf(Name);
            var width = encoder.Encoding.Width;
            var ids = new long[store.Count * width];
            for (var r = 0; r < store.Count; r++)
            {
                if (encoder.Encode(store.Cells[(r * store.CellWidth) + Slot], ids.AsSpan(r * width, width)) is { } problem)
                {
                    throw new InvalidOperationException($"Field '{Name}': {problem}; read these rows with the preparation's own kind of values.");
                }
            }

            long[] shape = IsText || width > 1 ? [store.Count, width] : [store.Count];
            return torch.tensor(ids, shape, ScalarType.Int64);
        }
    }
}
