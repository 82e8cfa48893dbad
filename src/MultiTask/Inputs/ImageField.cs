using System;
using System.Globalization;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// An image field (<c>[Image]</c>): float32 <c>[N, channels, height, width]</c>, or the same pixels flat,
    /// <c>[N, channels * height * width]</c> (channel, then row, then column: PyTorch's layout), which a data set check reshapes.
    /// Its encoding is a <see cref="ConvolutionalTrunk"/>'s output, <see cref="InputField.Width"/> wide.
    /// </summary>
    public sealed class ImageField : InputField
    {
        /// <summary>Describes the field.</summary>
        /// <param name="name">The field's (property's) name.</param>
        /// <param name="channels">Channels of the image; positive.</param>
        /// <param name="height">Height in pixels; positive.</param>
        /// <param name="width">Width in pixels; positive.</param>
        /// <param name="convolutions">
        /// The output channels of the trunk's blocks, which fix the encoding's width
        /// (<see cref="ConvolutionalTrunk.OutputWidth"/>); none (the default) means the pixels read flat,
        /// <c>channels * height * width</c> wide.
        /// </param>
        public ImageField(string name, int channels, int height, int width, int[]? convolutions = null)
            : base(name, EncodedWidth(name, channels, height, width, convolutions))
        {
            Channels = channels;
            Height = height;
            ImageWidth = width;
            Convolutions = convolutions is null ? [] : (int[])convolutions.Clone();
        }

        /// <summary>Channels of the image.</summary>
        public int Channels { get; }

        /// <summary>Height in pixels.</summary>
        public int Height { get; }

        /// <summary>Width in pixels (<see cref="InputField.Width"/> is the encoding's width).</summary>
        public int ImageWidth { get; }

        /// <summary>Values a row holds: <c>Channels * Height * ImageWidth</c>.</summary>
        public long Pixels => (long)Channels * Height * ImageWidth;

        /// <summary>The output channels of the trunk's blocks this field was declared with; empty for none.</summary>
        public int[] Convolutions { get; }

        /// <inheritdoc/>
        public override string Shape => $"float32 [N, {Channels.ToString(CultureInfo.InvariantCulture)}, {Height.ToString(CultureInfo.InvariantCulture)}, {ImageWidth.ToString(CultureInfo.InvariantCulture)}]";

        /// <summary>
        /// The data set's images as float32 <c>[rows, Channels, Height, ImageWidth]</c>: flat rows of <see cref="Pixels"/> values
        /// reshaped; dtypes converted where lossless, as <see cref="ModelInput.Checked"/> does.
        /// </summary>
        /// <exception cref="ArgumentException">The row count, the shape or the dtype is wrong; the message names the model and the field.</exception>
        public override Tensor CheckDataSet(Tensor values, long rows, string model)
        {
            ArgumentNullException.ThrowIfNull(values);
            FieldChecks.Rows(this, values, rows, model);
            CheckShape(values, model);
            using var flat = values.reshape(rows, Pixels);
            var converted = ModelInput.Checked(flat, checked((int)Pixels), FieldChecks.Owner(model, this));
            using (ReferenceEquals(converted, flat) ? null : converted)
            {
                return converted.reshape(rows, Channels, Height, ImageWidth);
            }
        }

        /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="values"/> is float32 images or flat rows of them.</summary>
        public override void Check(Tensor values, string model)
        {
            ArgumentNullException.ThrowIfNull(values);
            if (values.dtype != ScalarType.Float32)
            {
                throw ShapeError(values, model);
            }

            CheckShape(values, model);
        }

        /// <summary><paramref name="values"/> (checked) as <c>[N, Channels, Height, ImageWidth]</c>: a view of flat rows, the images themselves otherwise.</summary>
        internal Tensor AsImages(Tensor values)
            => values.dim() == 2 ? values.reshape(values.size(0), Channels, Height, ImageWidth) : values.alias();

        private TaskDataException ShapeError(Tensor values, string model)
            => new($"{FieldChecks.Owner(model, this)}: expects {Shape} (or flat, [N, {Pixels.ToString(CultureInfo.InvariantCulture)}]), got {FieldChecks.Describe(values)}");

        private void CheckShape(Tensor values, string model)
        {
            var images = values.dim() == 4 && values.size(1) == Channels && values.size(2) == Height && values.size(3) == ImageWidth;
            var flat = values.dim() == 2 && values.size(1) == Pixels;
            if (!images && !flat)
            {
                throw ShapeError(values, model);
            }
        }

        private static long EncodedWidth(string name, int channels, int height, int width, int[]? convolutions)
        {
            if (channels <= 0 || height <= 0 || width <= 0)
            {
                throw new ArgumentOutOfRangeException(channels <= 0 ? nameof(channels) : height <= 0 ? nameof(height) : nameof(width), $"Field '{name}': channels, height and width must be positive; got {channels}, {height}, {width}.");
            }

            return convolutions is null || convolutions.Length == 0
                ? (long)channels * height * width
                : ConvolutionalTrunk.OutputWidth(height, width, convolutions);
        }
    }
}
