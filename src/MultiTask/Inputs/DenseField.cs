using System;
using System.Globalization;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>A <c>[Dense(size)]</c> field: float32 <c>[N, size]</c> features, read as they are.</summary>
    public sealed class DenseField : InputField
    {
        /// <summary>A field of <paramref name="size"/> features.</summary>
        public DenseField(string name, int size)
            : base(name, size)
        {
            if (size <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(size), size, $"Dense field '{name}' needs a positive size.");
            }

            Size = size;
        }

        /// <summary>The number of features.</summary>
        public int Size { get; }

        /// <inheritdoc />
        public override string Shape => $"float32 [N, {Size.ToString(CultureInfo.InvariantCulture)}]";

        /// <inheritdoc />
        /// <remarks>Lossless dtypes are converted as <see cref="ModelInput.Checked"/> converts a model's input.</remarks>
        public override Tensor CheckDataSet(Tensor values, long rows, string model)
        {
            ArgumentNullException.ThrowIfNull(values);
            CheckShape(values, model);
            FieldChecks.Rows(this, values, rows, model);
            return ModelInput.Checked(values, Size, FieldChecks.Owner(model, this));
        }

        /// <inheritdoc />
        public override void Check(Tensor values, string model)
        {
            ArgumentNullException.ThrowIfNull(values);
            CheckShape(values, model);
            if (values.dtype != ScalarType.Float32)
            {
                throw FieldChecks.ShapeError(model, this, values);
            }
        }

        private void CheckShape(Tensor values, string model)
        {
            if (values.dim() != 2 || values.size(1) != Size)
            {
                throw FieldChecks.ShapeError(model, this, values);
            }
        }
    }
}
