using System;
using TorchSharp;
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
            var values = new float[store.Count * Width];
            for (var r = 0; r < store.Count; r++)
            {
                Array.Copy(store.Features, (r * store.Width) + Offset, values, r * Width, Width);
            }

            if (Standardized && !standardized && preparation.Scaler is { } scaler)
            {
                scaler.Apply(values, Width, Offset);
            }

            long[] shape = ImageShape is { } image ? [store.Count, image[0], image[1], image[2]] : [store.Count, Width];
            return torch.tensor(values, shape, ScalarType.Float32);
        }
    }
}
