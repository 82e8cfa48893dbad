using System;
using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// A token-sequence field (<c>[TokenSequence]</c>): int64 token ids <c>[N, length]</c>, 0 marking padding, tokens
    /// <c>1 .. vocabulary - 1</c>. Its encoding, <see cref="InputField.Width"/> wide, is a <see cref="TextEncoder"/>'s output.
    /// </summary>
    public sealed class TokenSequenceField : InputField
    {
        /// <summary>Describes the field.</summary>
        /// <param name="name">The field's (property's) name.</param>
        /// <param name="vocabulary">The number of ids including padding id 0; at least 2.</param>
        /// <param name="length">Tokens a row holds; positive.</param>
        /// <param name="width">The embedding and encoder width; positive.</param>
        public TokenSequenceField(string name, long vocabulary, int length, int width)
            : base(name, width)
        {
            if (vocabulary < 2)
            {
                throw new ArgumentOutOfRangeException(nameof(vocabulary), vocabulary, $"Field '{name}': the vocabulary holds padding id 0 and at least one token, so it must be at least 2.");
            }

            if (length <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(length), length, $"Field '{name}': the length must be positive.");
            }

            if (width <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(width), width, $"Field '{name}': the width must be positive.");
            }

            Vocabulary = vocabulary;
            Length = length;
        }

        /// <summary>The number of token ids, padding id 0 included: ids are <c>[0, Vocabulary)</c>.</summary>
        public long Vocabulary { get; }

        /// <summary>Tokens a row holds.</summary>
        public int Length { get; }

        /// <inheritdoc/>
        public override string Shape => $"int64 [N, {Length.ToString(CultureInfo.InvariantCulture)}]";

        /// <summary>
        /// The data set's token ids as int64 <c>[rows, Length]</c>: int32, int16, int8 and uint8 converted; floating-point and
        /// bool refused; every id in <c>[0, Vocabulary)</c> (one device sync), else an error naming the row and the position.
        /// </summary>
        /// <exception cref="ArgumentException">The first problem found, naming the model and the field.</exception>
        public override Tensor CheckDataSet(Tensor values, long rows, string model)
        {
            ArgumentNullException.ThrowIfNull(values);
            FieldChecks.Rows(this, values, rows, model);
            if (!FieldChecks.IsInteger(values.dtype))
            {
                throw new TaskDataException($"{FieldChecks.Owner(model, this)}: expects {Shape} token ids, got {values.dtype} values; token ids are integers");
            }

            CheckShape(values, model);
            var ids = values.dtype == ScalarType.Int64 ? values : values.to(ScalarType.Int64);
            using var below = ids.lt(0);
            using var above = ids.ge(Vocabulary);
            using var outside = below.logical_or(above);
            if (FieldChecks.First(outside) is { } at)
            {
                var id = FieldChecks.At(ids, at.Row, at.Position);
                throw new TaskDataException($"{FieldChecks.Owner(model, this)}: token id {id.ToString(CultureInfo.InvariantCulture)} at row {at.Row.ToString(CultureInfo.InvariantCulture)}, position {at.Position.ToString(CultureInfo.InvariantCulture)} of the data set is outside [0, {Vocabulary.ToString(CultureInfo.InvariantCulture)}); 0 is padding, tokens are 1 .. {(Vocabulary - 1).ToString(CultureInfo.InvariantCulture)}");
            }

            return ids;
        }

        /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="values"/> is int64 <c>[N, Length]</c>; ids out of range are allowed.</summary>
        public override void Check(Tensor values, string model)
        {
            ArgumentNullException.ThrowIfNull(values);
            if (values.dtype != ScalarType.Int64)
            {
                throw FieldChecks.ShapeError(model, this, values);
            }

            CheckShape(values, model);
        }

        private void CheckShape(Tensor values, string model)
        {
            if (values.dim() != 2 || values.size(1) != Length)
            {
                throw FieldChecks.ShapeError(model, this, values);
            }
        }
    }
}
