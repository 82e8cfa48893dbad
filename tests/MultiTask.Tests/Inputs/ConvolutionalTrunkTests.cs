using System;
using System.Linq;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MultiTask.Tests.Inputs
{
    /// <summary>The convolutional trunk against hand-written convolutions, its output width, and the sizes it refuses.</summary>
    public class ConvolutionalTrunkTests
    {
        private static ConvolutionalTrunk Trunk(int channels, int height, int width, int[] convolutions, int kernel = 3, int seed = 1)
        {
            torch.manual_seed(seed);
            return new ConvolutionalTrunk(new ImageField("Pixels", channels, height, width, convolutions), convolutions, kernel);
        }

        [Fact]
        public void One_block_equals_a_convolution_relu_and_pooling_written_out_in_loops()
        {
            using var trunk = Trunk(1, 4, 4, [2]);
            var weight = TestTensors.Floats(Parameters.Get(trunk, "blocks.0.weight"));   // [2, 1, 3, 3]
            var bias = TestTensors.Floats(Parameters.Get(trunk, "blocks.0.bias"));
            using var image = torch.randn(1, 1, 4, 4);
            var pixels = TestTensors.Floats(image);

            float Pixel(int y, int x) => y < 0 || y >= 4 || x < 0 || x >= 4 ? 0 : pixels[(y * 4) + x];

            float Map(int channel, int y, int x)
            {
                var sum = bias[channel];
                for (var dy = 0; dy < 3; dy++)
                {
                    for (var dx = 0; dx < 3; dx++)
                    {
                        sum += weight[(channel * 9) + (dy * 3) + dx] * Pixel(y + dy - 1, x + dx - 1);
                    }
                }

                return Math.Max(sum, 0);
            }

            var expected = new float[2 * 2 * 2];
            for (var channel = 0; channel < 2; channel++)
            {
                for (var y = 0; y < 2; y++)
                {
                    for (var x = 0; x < 2; x++)
                    {
                        expected[(channel * 4) + (y * 2) + x] = new[] { Map(channel, 2 * y, 2 * x), Map(channel, 2 * y, (2 * x) + 1), Map(channel, (2 * y) + 1, 2 * x), Map(channel, (2 * y) + 1, (2 * x) + 1) }.Max();
                    }
                }
            }

            using var encoded = trunk.forward(image);
            using var expectedTensor = torch.tensor(expected).reshape(1, 8);
            TestTensors.AssertClose(expectedTensor, encoded, 1e-5);
        }

        [Theory]
        [InlineData(3, 7, 5, 3)]
        [InlineData(2, 9, 8, 5)]
        public void Two_blocks_on_odd_sizes_equal_conv2d_relu_max_pool2d_with_the_same_weights(int channels, int height, int width, int kernel)
        {
            using var scope = torch.NewDisposeScope();
            int[] convolutions = [4, 6];
            using var trunk = Trunk(channels, height, width, convolutions, kernel);
            using var images = torch.randn(3, channels, height, width);
            var x = images;
            foreach (var block in new[] { 0, 3 })
            {
                var convolved = F.conv2d(x, Parameters.Get(trunk, $"blocks.{block}.weight"), Parameters.Get(trunk, $"blocks.{block}.bias"), padding: [kernel / 2, kernel / 2]);
                x = F.max_pool2d(F.relu(convolved), [2, 2]);
            }

            var expected = x.flatten(1);
            var encoded = trunk.forward(images);
            Assert.Equal(ConvolutionalTrunk.OutputWidth(height, width, convolutions), encoded.size(1));
            TestTensors.AssertClose(expected, encoded, 1e-5);
        }

        [Fact]
        public void Flat_rows_are_read_as_the_images_they_hold()
        {
            using var trunk = Trunk(2, 4, 6, [3]);
            using var images = torch.randn(2, 2, 4, 6);
            using var flat = images.reshape(2, 48);
            using var fromImages = trunk.forward(images);
            using var fromFlat = trunk.forward(flat);
            Assert.Equal(TestTensors.Floats(fromImages), TestTensors.Floats(fromFlat));
        }

        [Theory]
        [InlineData(8, 8, new[] { 16, 32 }, 32 * 2 * 2)]
        [InlineData(7, 5, new[] { 4, 6 }, 6 * 1 * 1)]
        [InlineData(9, 8, new[] { 3 }, 3 * 4 * 4)]
        [InlineData(2, 3, new[] { 5 }, 5 * 1 * 1)]
        [InlineData(28, 28, new[] { 8, 8, 8 }, 8 * 3 * 3)]
        public void The_output_width_rounds_each_pooling_down(int height, int width, int[] convolutions, long expected)
            => Assert.Equal(expected, ConvolutionalTrunk.OutputWidth(height, width, convolutions));

        [Fact]
        public void A_block_on_a_1x1_map_is_refused_with_what_fits()
        {
            var error = Assert.Throws<ArgumentException>(() => ConvolutionalTrunk.OutputWidth(4, 6, [2, 2, 2]));
            Assert.StartsWith("Block 3 of [2, 2, 2] would pool a 1x1 map; a 4x6 image fits at most 2 blocks of 2x2 pooling.", error.Message);
            var image = Assert.Throws<ArgumentException>(() => new ImageField("Pixels", 1, 1, 1, [4]));
            Assert.StartsWith("Block 1 of [4] would pool a 1x1 map; a 1x1 image fits at most 0 blocks", image.Message);
        }

        [Fact]
        public void No_block_or_a_non_positive_channel_count_is_refused()
        {
            Assert.Throws<ArgumentException>(() => ConvolutionalTrunk.OutputWidth(8, 8, []));
            var error = Assert.Throws<ArgumentException>(() => ConvolutionalTrunk.OutputWidth(8, 8, [4, 0]));
            Assert.StartsWith("A convolutional trunk needs at least one block and positive channel counts; got [4, 0].", error.Message);
        }

        [Theory]
        [InlineData(2)]
        [InlineData(0)]
        public void An_even_or_empty_kernel_is_refused(int kernel)
        {
            var field = new ImageField("Pixels", 1, 8, 8, [4]);
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ConvolutionalTrunk(field, [4], kernel));
            Assert.StartsWith("Field 'Pixels': the kernel must be odd and positive", error.Message);
        }

        [Fact]
        public void A_field_declared_with_other_blocks_is_refused()
        {
            var field = new ImageField("Pixels", 1, 8, 8);
            var error = Assert.Throws<ArgumentException>(() => new ConvolutionalTrunk(field, [16, 32], 3));
            Assert.StartsWith("Field 'Pixels' was declared with blocks [] (64 wide) but the trunk has [16, 32] (128 wide)", error.Message);
        }

        [Fact]
        public void Its_blocks_are_named_in_the_state_dict()
        {
            using var trunk = Trunk(1, 8, 8, [4, 6]);
            Assert.Equal(["blocks.0.weight", "blocks.0.bias", "blocks.3.weight", "blocks.3.bias"], trunk.state_dict().Keys);
        }

        [Fact]
        public void The_forward_check_names_the_field()
        {
            using var trunk = Trunk(1, 8, 8, [4]);
            using var wrong = torch.zeros(2, 1, 8, 9);
            var error = Assert.ThrowsAny<ArgumentException>(() => trunk.forward(wrong));
            Assert.Equal("Pixels: expects float32 [N, 1, 8, 8] (or flat, [N, 64]), got float32 [2, 1, 8, 9]", error.Message);
        }
    }
}
