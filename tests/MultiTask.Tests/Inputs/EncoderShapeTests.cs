using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.Tests.Inputs
{
    /// <summary>Every encoder's forward pass returns float32 <c>[N, field.Width]</c>.</summary>
    public class EncoderShapeTests
    {
        [Theory]
        [InlineData(TextEncoding.MeanPooling)]
        [InlineData(TextEncoding.Transformer)]
        public void A_text_encoder_returns_N_by_width(TextEncoding encoding)
        {
            torch.manual_seed(1);
            var field = new TokenSequenceField("Title", vocabulary: 20, length: 6, width: 8);
            using var encoder = new TextEncoder(field, encoding, layers: 2, heads: 2, feedForward: 0, dropout: 0);
            using var ids = torch.randint(0, 20, [5, 6], dtype: ScalarType.Int64);
            using var encoded = encoder.forward(ids);
            Assert.Equal(new long[] { 5, 8 }, encoded.shape);
            Assert.Equal(ScalarType.Float32, encoded.dtype);
        }

        [Fact]
        public void A_convolutional_trunk_returns_N_by_its_output_width()
        {
            var field = new ImageField("Pixels", channels: 1, height: 8, width: 8, convolutions: [4, 6]);
            using var trunk = new ConvolutionalTrunk(field, [4, 6], kernel: 3);
            using var images = torch.rand(3, 1, 8, 8);
            using var encoded = trunk.forward(images);
            Assert.Equal(6 * 2 * 2, field.Width);
            Assert.Equal(new long[] { 3, field.Width }, encoded.shape);
        }
    }
}
