using System;
using static TorchSharp.torch;

namespace MultiTask.Data.Encoding
{
    /// <summary>
    /// Float columns at <see cref="Offset"/> of a row's numbers: the model's features, a dense field (standardized) or an image
    /// field (as read, shaped <c>[N, channels, height, width]</c>).
    /// </summary>
    internal sealed class NumericPart : InputPart
    {
        public NumericPart(string name, int width, long[]? imageShape)
            : base(name)
        {
            Width = width;
            ImageShape = imageShape;
        }

        public int Width { get; }

        /// <summary>Where its columns start in a row's numbers (the standardized parts come first).</summary>
        public int Offset { get; set; }

        /// <summary>Channels, height and width of an image field; null for columns that are standardized.</summary>
        public long[]? ImageShape { get; }

        public bool Standardized => ImageShape is null;

        public override Tensor ToTensor(RowStore store, DataPreparation preparation, bool standardized)
        {
            long[] shape = ImageShape is { } image ? [store.Count, image[0], image[1], image[2]] : [store.Count, Width];
            var scaler = Standardized && !standardized ? preparation.Scaler : null;
            if (scaler is null && Offset == 0 && Width == store.Width)
            {
                return NativeTensor.Of(store.Features.AsSpan(0, store.Count * Width), ScalarType.Float32, shape);
            }

            var values = new float[store.Count * Width];
            for (var r = 0; r < store.Count; r++)
            {
                Array.Copy(store.Features, (r * store.Width) + Offset, values, r * Width, Width);
            }

            scaler?.Apply(values, Width, Offset);
            return NativeTensor.Of(values.AsSpan(), ScalarType.Float32, shape);
        }
    }
}
