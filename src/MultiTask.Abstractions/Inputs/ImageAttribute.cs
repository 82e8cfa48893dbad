using System;

namespace MultiTask
{
    /// <summary>
    /// An image input field read by a built-in convolutional trunk. Put it on a <c>public partial ConvolutionalTrunk Name { get; }</c>
    /// property. A batch holds float32 <c>[N, Channels, Height, Width]</c>. Each of <see cref="Convolutions"/> is one block: a
    /// <see cref="Kernel"/>-sized convolution (padded to keep the size), ReLU, and 2x2 max pooling; the last block's maps,
    /// flattened, are what the trunk reads of the field.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
    public sealed class ImageAttribute : Attribute
    {
        /// <param name="channels">Channels of the image (1 for grey, 3 for RGB); positive.</param>
        /// <param name="height">Height in pixels; positive, at least 2^blocks.</param>
        /// <param name="width">Width in pixels; positive, at least 2^blocks.</param>
        public ImageAttribute(int channels, int height, int width)
        {
            Channels = channels;
            Height = height;
            Width = width;
        }

        /// <summary>Channels of the image.</summary>
        public int Channels { get; }

        /// <summary>Height in pixels.</summary>
        public int Height { get; }

        /// <summary>Width in pixels.</summary>
        public int Width { get; }

        /// <summary>The output channels of each convolution block, input side first; at least one, each positive.</summary>
        public int[] Convolutions { get; set; } = new int[0];

        /// <summary>The convolutions' (odd) kernel size.</summary>
        public int Kernel { get; set; } = 3;
    }
}
