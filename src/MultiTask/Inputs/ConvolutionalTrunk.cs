using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// The encoder of an <see cref="ImageField"/>: per block <c>Conv2d(in, out, kernel, padding: kernel / 2) -> ReLU -> MaxPool2d(2)</c>,
    /// held in the <see cref="Sequential"/> field <c>blocks</c> (state-dict keys <c>blocks.0.weight</c>, <c>blocks.0.bias</c>,
    /// <c>blocks.3.weight</c>, ...), then the last block's maps flattened to float32 <c>[N, field.Width]</c>.
    /// </summary>
    public sealed class ConvolutionalTrunk : nn.Module<Tensor, Tensor>
    {
        private readonly Sequential blocks;

        /// <summary>Builds the trunk.</summary>
        /// <param name="field">The image field it reads; declared with the same <paramref name="convolutions"/>.</param>
        /// <param name="convolutions">The output channels of each block, input side first; at least one, each positive.</param>
        /// <param name="kernel">The convolutions' kernel size; odd and positive, so the padding keeps the size.</param>
        /// <exception cref="ArgumentException">A block would pool a map narrower than 2 pixels, the kernel is even, or the field was declared with other blocks.</exception>
        public ConvolutionalTrunk(ImageField field, int[] convolutions, int kernel)
            : base(nameof(ConvolutionalTrunk))
        {
            ArgumentNullException.ThrowIfNull(field);
            var width = OutputWidth(field.Height, field.ImageWidth, convolutions);
            if (kernel <= 0 || kernel % 2 == 0)
            {
                throw new ArgumentOutOfRangeException(nameof(kernel), kernel, $"Field '{field.Name}': the kernel must be odd and positive, so that padding kernel / 2 keeps the image's size.");
            }

            if (!field.Convolutions.SequenceEqual(convolutions))
            {
                throw new ArgumentException($"Field '{field.Name}' was declared with blocks [{string.Join(", ", field.Convolutions)}] ({field.Width} wide) but the trunk has [{string.Join(", ", convolutions)}] ({width} wide); construct the ImageField with the trunk's convolutions.", nameof(convolutions));
            }

            Field = field;
            var modules = new List<nn.Module<Tensor, Tensor>>();
            var channels = field.Channels;
            foreach (var next in convolutions)
            {
                modules.Add(nn.Conv2d(channels, next, kernel, padding: kernel / 2));
                modules.Add(nn.ReLU());
                modules.Add(nn.MaxPool2d(2));
                channels = next;
            }

            blocks = nn.Sequential(modules);
            RegisterComponents();
        }

        /// <summary>The field it reads.</summary>
        public ImageField Field { get; }

        /// <summary>
        /// The width of the flattened output: <c>last channels * (height >> blocks) * (width >> blocks)</c>, each 2x2 pooling
        /// rounding down.
        /// </summary>
        /// <exception cref="ArgumentException">There is no block, a channel count is not positive, or a block would pool a map under 2 pixels high or wide.</exception>
        public static long OutputWidth(int height, int width, int[] convolutions)
        {
            ArgumentNullException.ThrowIfNull(convolutions);
            if (convolutions.Length == 0 || convolutions.Any(c => c <= 0))
            {
                throw new ArgumentException($"A convolutional trunk needs at least one block and positive channel counts; got [{string.Join(", ", convolutions)}].", nameof(convolutions));
            }

            for (var block = 0; block < convolutions.Length; block++)
            {
                if ((height >> block) < 2 || (width >> block) < 2)
                {
                    throw new ArgumentException($"Block {block + 1} of [{string.Join(", ", convolutions)}] would pool a {height >> block}x{width >> block} map; a {height}x{width} image fits at most {Math.Max(0, (int)Math.Floor(Math.Log2(Math.Min(height, width))))} blocks of 2x2 pooling.", nameof(convolutions));
                }
            }

            var blocks = convolutions.Length;
            return (long)convolutions[^1] * (height >> blocks) * (width >> blocks);
        }

        /// <summary>Encodes <paramref name="images"/>: float32 <c>[N, C, H, W]</c> or flat <c>[N, C * H * W]</c>.</summary>
        public override Tensor forward(Tensor images)
        {
            Field.Check(images, string.Empty);
            using var input = Field.AsImages(images);
            using var maps = blocks.forward(input);
            return maps.flatten(1);
        }
    }
}
