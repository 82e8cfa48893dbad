using System;
using System.Linq;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.Tests.Inputs
{
    /// <summary>A data set's images: <c>[N, C, H, W]</c> or flat rows, lossless dtypes converted, wrong sizes named.</summary>
    public class ImageFieldTests
    {
        private static readonly ImageField Pixels = new("Pixels", channels: 2, height: 3, width: 4);

        private static ArgumentException Rejected(Tensor values, long rows = 5)
            => Assert.ThrowsAny<ArgumentException>(() => Pixels.CheckDataSet(values, rows, "Scans"));

        [Fact]
        public void Images_come_back_as_they_are()
        {
            using var images = torch.rand(5, 2, 3, 4);
            using var checkedImages = Pixels.CheckDataSet(images, 5, "Scans");
            Assert.Equal(new long[] { 5, 2, 3, 4 }, checkedImages.shape);
            Assert.Equal(TestTensors.Floats(images), TestTensors.Floats(checkedImages));
        }

        [Fact]
        public void Flat_rows_are_reshaped_channel_then_row_then_column()
        {
            using var flat = torch.arange(5 * 24, dtype: ScalarType.Float32).reshape(5, 24);
            using var images = Pixels.CheckDataSet(flat, 5, "Scans");
            Assert.Equal(new long[] { 5, 2, 3, 4 }, images.shape);
            // Row 3, channel 1, pixel row 2, column 1: flat index 1 * 12 + 2 * 4 + 1 = 21.
            Assert.Equal((3 * 24) + 21, images[3, 1, 2, 1].ToSingle());
        }

        [Theory]
        [InlineData(ScalarType.Byte)]
        [InlineData(ScalarType.Int16)]
        [InlineData(ScalarType.Float16)]
        [InlineData(ScalarType.Int32)]
        public void Lossless_dtypes_are_converted_to_float32(ScalarType dtype)
        {
            using var counts = torch.randint(0, 17, [5, 24], dtype: ScalarType.Int64);
            using var values = counts.to(dtype);
            using var images = Pixels.CheckDataSet(values, 5, "Scans");
            Assert.Equal(ScalarType.Float32, images.dtype);
            Assert.Equal(counts.data<long>().ToArray().Select(v => (float)v), TestTensors.Floats(images));
        }

        [Fact]
        public void A_dtype_that_would_round_is_refused_naming_the_model_and_field()
        {
            using var doubles = torch.rand(5, 2, 3, 4, dtype: ScalarType.Float64);
            Assert.StartsWith("Scans.Pixels expects Float32 input, got Float64", Rejected(doubles).Message);
        }

        [Theory]
        [InlineData(new long[] { 5, 2, 3, 5 }, "float32 [5, 2, 3, 5]")]
        [InlineData(new long[] { 5, 1, 3, 4 }, "float32 [5, 1, 3, 4]")]
        [InlineData(new long[] { 5, 23 }, "float32 [5, 23]")]
        [InlineData(new long[] { 5, 2, 12 }, "float32 [5, 2, 12]")]
        public void Wrong_sizes_are_named_with_both_accepted_shapes(long[] shape, string given)
        {
            using var values = torch.zeros(shape);
            Assert.Equal($"Scans.Pixels: expects float32 [N, 2, 3, 4] (or flat, [N, 24]), got {given}", Rejected(values).Message);
        }

        [Fact]
        public void Another_row_count_names_both_counts()
        {
            using var images = torch.rand(4, 2, 3, 4);
            Assert.Equal("Scans.Pixels: the data set has 5 rows but the field has 4 rows", Rejected(images).Message);
        }

        [Fact]
        public void The_forward_check_takes_float32_images_or_flat_rows()
        {
            using var images = torch.rand(2, 2, 3, 4);
            using var flat = torch.rand(2, 24);
            Pixels.Check(images, "Scans");
            Pixels.Check(flat, "Scans");
            using var bytes = torch.zeros(2, 24, dtype: ScalarType.Byte);
            var error = Assert.ThrowsAny<ArgumentException>(() => Pixels.Check(bytes, "Scans"));
            Assert.Equal("Scans.Pixels: expects float32 [N, 2, 3, 4] (or flat, [N, 24]), got byte [2, 24]", error.Message);
        }

        [Fact]
        public void Its_width_is_the_pixels_without_blocks_and_the_trunks_output_with_them()
        {
            Assert.Equal("float32 [N, 2, 3, 4]", Pixels.Shape);
            Assert.Equal(24, Pixels.Width);
            Assert.Equal(24, Pixels.Pixels);
            Assert.Equal(5 * 1 * 2, new ImageField("Pixels", 2, 3, 4, [5]).Width);
        }
    }
}
