using System;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using MultiTask.IntegrationTests.Data;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.IntegrationTests.Inputs;

/// <summary>The convolutional trunk learns the real digits: the 8x8 images as <c>[N, 1, 8, 8]</c>, a linear layer on top.</summary>
public sealed class ConvolutionalDigitsTests
{
    [Fact]
    public void A_two_block_trunk_and_a_linear_layer_pass_90_percent_on_held_out_digits()
    {
        var (pixels, digits) = Digits();
        using var ownedPixels = pixels;
        using var ownedDigits = digits;
        torch.manual_seed(7);
        using var order = torch.randperm(pixels.size(0));
        using var shuffledPixels = pixels.index_select(0, order);
        using var shuffledDigits = digits.index_select(0, order);
        const int TrainRows = 1400;
        var field = new ImageField("Pixels", channels: 1, height: 8, width: 8, convolutions: [8, 16]);
        using var scaled = shuffledPixels / 16;
        using var images = field.CheckDataSet(scaled, pixels.size(0), "Digits");

        using var trunk = new ConvolutionalTrunk(field, [8, 16], kernel: 3);
        using var classifier = nn.Linear(field.Width, 10);
        Assert.Equal((8 * 1 * 3 * 3) + 8 + (16 * 8 * 3 * 3) + 16, trunk.parameters().Sum(p => p.numel()));
        using var optimizer = torch.optim.Adam(trunk.parameters().Concat(classifier.parameters()), lr: 0.01);
        for (var step = 0; step < 300; step++)
        {
            using var scope = torch.NewDisposeScope();
            var start = step * 64 % (TrainRows - 64);
            var logits = classifier.forward(trunk.forward(images[start..(start + 64)]));
            var loss = nn.functional.cross_entropy(logits, shuffledDigits[start..(start + 64)]);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
        }

        using var _ = torch.no_grad();
        using var test = classifier.forward(trunk.forward(images[TrainRows..]));
        using var predicted = test.argmax(1);
        var accuracy = predicted.eq(shuffledDigits[TrainRows..]).to(ScalarType.Float32).mean().ToDouble();
        Assert.True(accuracy > 0.9, $"test accuracy {accuracy:F3} over {pixels.size(0) - TrainRows} digits");
    }

    /// <summary>The 1797 digits: 64 pixel counts (0..16) as float32 <c>[N, 64]</c>, and the digit.</summary>
    private static (Tensor Pixels, Tensor Digits) Digits()
    {
        using var file = File.OpenRead(DataFiles.Real("digits.csv.gz"));
        using var text = new StreamReader(new GZipStream(file, CompressionMode.Decompress));
        var rows = text.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();
        var pixels = torch.tensor(rows.SelectMany(r => r.Take(64)).ToArray()).reshape(rows.Length, 64);
        var digits = torch.tensor(rows.Select(r => (long)r[64]).ToArray());
        return (pixels, digits);
    }
}
