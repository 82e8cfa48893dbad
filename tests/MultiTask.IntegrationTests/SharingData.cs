using System;
using static TorchSharp.torch;

namespace MultiTask.IntegrationTests;

/// <summary>Small learnable data for the sharing-strategy tests.</summary>
internal static class SharingData
{
    /// <summary>Rows of <paramref name="width"/> features in [-1, 1] and two targets: y1 = x0 + x1, y2 = x2 - x3 (needs width 4).</summary>
    public static (Tensor X, Tensor Y1, Tensor Y2) TwoTargets(int rows, int width, int seed)
    {
        var random = new Random(seed);
        var x = new float[rows, width];
        var y1 = new float[rows];
        var y2 = new float[rows];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < width; c++) x[r, c] = (float)(random.NextDouble() * 2 - 1);
            y1[r] = x[r, 0] + x[r, 1];
            y2[r] = x[r, 2 % width] - x[r, 3 % width];
        }
        return (tensor(x), tensor(y1), tensor(y2));
    }

    /// <summary>6 inputs that are noisy mixtures of 3 factors (so a 3-wide code can reconstruct them), a value and its sign.</summary>
    public static (Tensor X, Tensor Value, Tensor Sign) Factors(int rows, int seed)
    {
        var random = new Random(seed);
        var x = new float[rows, 6];
        var value = new float[rows];
        var sign = new float[rows];
        for (var r = 0; r < rows; r++)
        {
            var f = new[] { random.NextDouble() * 2 - 1, random.NextDouble() * 2 - 1, random.NextDouble() * 2 - 1 };
            for (var c = 0; c < 6; c++) x[r, c] = (float)(f[c % 3] * (c < 3 ? 1 : -0.5) + 0.05 * (random.NextDouble() - 0.5));
            value[r] = (float)(f[0] + f[1]);
            sign[r] = f[2] > 0 ? 1 : 0;
        }
        return (tensor(x), tensor(value), tensor(sign));
    }
}
