using System;
using System.Linq;
using MultiTask;
using MultiTask.Data;
using static TorchSharp.torch;

namespace Vision;

/// <summary>The UCI digits (64 pixel counts 0..16, then the digit; no header), pixels scaled to [0, 1].</summary>
internal sealed record DigitImages(Tensor Pixels, TaskTarget Digit, TaskTarget IsEven)
{
    /// <summary>Reads the file through the MLP model's column map (64 input columns, the digit twice: which one, and is it even).</summary>
    public static DigitImages Load(string path)
    {
        var columns = new MlpDigits.Columns { Features = InputColumns.Range(0, 63), Digit = 64, IsEven = TargetColumn.Of(64).Map(digit => digit % 2 == 0 ? 1 : 0) };
        var rows = TableFile.Csv(path, hasHeader: false).Read(columns);
        var (pixels, targets) = rows.ToTensors(rows.FitPreparation(standardize: false));
        return new DigitImages(pixels.div(16), targets[0], targets[1]);
    }

    public int Rows => (int)Pixels.shape[0];

    /// <summary>Row numbers shuffled with <paramref name="seed"/>: the first <paramref name="trainFraction"/> to train, the rest to test.</summary>
    public (Tensor Train, Tensor Test) Split(double trainFraction, int seed)
    {
        var order = Enumerable.Range(0, Rows).Select(r => (long)r).ToArray();
        new Random(seed).Shuffle(order);
        var cut = (int)(Rows * trainFraction);
        return (tensor(order[..cut]), tensor(order[cut..]));
    }
}
