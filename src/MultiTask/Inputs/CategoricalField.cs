using System;
using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// A <c>[Categorical]</c> field: int64 ids, <c>[N]</c> for one value a row or <c>[N, values]</c> for a multi-valued field
    /// (-1 marks an empty slot), read through an embedding table.
    /// </summary>
    public sealed class CategoricalField : InputField
    {
        /// <param name="name">The field's (property's) name.</param>
        /// <param name="vocabulary">The ids <c>[0, vocabulary)</c>; with <paramref name="hashed"/>, the number of hash buckets.</param>
        /// <param name="width">The embedding width.</param>
        /// <param name="hashed">Any int64 id, read at row <c>id mod vocabulary</c>, instead of a vocabulary.</param>
        /// <param name="values">Ids a row holds; more than 1 makes a multi-valued field.</param>
        /// <param name="pooling">How a multi-valued row's embeddings become one.</param>
        public CategoricalField(string name, long vocabulary, int width, bool hashed = false, int values = 1, Pooling pooling = Pooling.Mean)
            : base(name, width)
        {
            if (vocabulary <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(vocabulary), vocabulary, $"Categorical field '{name}' needs a positive vocabulary (or number of hash buckets).");
            }

            if (width <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(width), width, $"Categorical field '{name}' needs a positive width.");
            }

            if (values < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(values), values, $"Categorical field '{name}' needs at least 1 value a row.");
            }

            Vocabulary = vocabulary;
            Hashed = hashed;
            Values = values;
            Pooling = pooling;
        }

        /// <summary>The number of ids (or of hash buckets): the table's rows before the reserved one.</summary>
        public long Vocabulary { get; }

        /// <summary>Ids are hashed into <see cref="Vocabulary"/> buckets.</summary>
        public bool Hashed { get; }

        /// <summary>Ids a row holds.</summary>
        public int Values { get; }

        /// <summary>Whether a row holds several ids (<c>[N, Values]</c>).</summary>
        public bool MultiValued => Values > 1;

        /// <summary>How a multi-valued row's embeddings are pooled.</summary>
        public Pooling Pooling { get; }

        /// <inheritdoc />
        public override string Shape => MultiValued ? $"int64 [N, {Values.ToString(CultureInfo.InvariantCulture)}]" : "int64 [N]";

        /// <inheritdoc />
        /// <remarks>
        /// int32, int16, int8 and uint8 ids are converted to int64; floats are refused. Without hashing, an id outside
        /// <c>[0, Vocabulary)</c> (other than an empty slot, -1, of a multi-valued field) is an error naming the row.
        /// </remarks>
        public override Tensor CheckDataSet(Tensor values, long rows, string model)
        {
            ArgumentNullException.ThrowIfNull(values);
            CheckShape(values, model);
            FieldChecks.Rows(this, values, rows, model);
            var ids = values.dtype switch
            {
                ScalarType.Int64 => values,
                ScalarType.Int32 or ScalarType.Int16 or ScalarType.Int8 or ScalarType.Byte => values.to(ScalarType.Int64),
                _ => throw new TaskDataException($"{FieldChecks.Owner(model, this)}: expects int64 ids, got {FieldChecks.Describe(values)}; ids are whole numbers (convert with values.to(ScalarType.Int64) if they are)"),
            };
            if (!Hashed)
            {
                CheckVocabulary(ids, model);
            }

            return ids;
        }

        /// <inheritdoc />
        public override void Check(Tensor values, string model)
        {
            ArgumentNullException.ThrowIfNull(values);
            CheckShape(values, model);
            if (values.dtype != ScalarType.Int64)
            {
                throw FieldChecks.ShapeError(model, this, values);
            }
        }

        private void CheckShape(Tensor values, string model)
        {
            bool fits = MultiValued ? values.dim() == 2 && values.size(1) == Values : values.dim() == 1;
            if (!fits)
            {
                throw FieldChecks.ShapeError(model, this, values);
            }
        }

        private void CheckVocabulary(Tensor ids, string model)
        {
            using var tooLarge = ids.ge(Vocabulary);
            using var negative = ids.lt(MultiValued ? -1 : 0);
            using var bad = tooLarge.logical_or(negative);
            if (FieldChecks.First(bad) is not { } at)
            {
                return;
            }

            long id = FieldChecks.At(ids, at.Row, at.Position);
            string where = MultiValued ? $"row {at.Row}, value {at.Position}" : $"row {at.Row}";
            string empty = MultiValued ? " (-1 marks an empty slot)" : string.Empty;
            throw new TaskDataException($"{FieldChecks.Owner(model, this)}: id {id} at {where} of the data set is outside the vocabulary [0, {Vocabulary}){empty}; an unknown id is only read (as the reserved out-of-vocabulary row) at prediction time");
        }
    }
}
