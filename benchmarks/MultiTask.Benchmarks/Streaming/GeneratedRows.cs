using System;
using MultiTask.Data;

namespace MultiTask.Benchmarks.Streaming;

/// <summary><see cref="StreamModel"/> rows drawn from a seed: 128 features in [-1, 1], then the three targets computed from them.</summary>
internal static class GeneratedRows
{
    public const int Features = 128;

    public static StreamModel.Columns Columns { get; } = new()
    {
        Features = InputColumns.Prefix("x"),
        Largest = "largest",
        Positive = "positive",
        Sum = "sum",
    };

    /// <summary>Fills <paramref name="features"/> with the next row's; returns its targets.</summary>
    public static (int Largest, float Positive, float Sum) Next(Random random, Span<float> features)
    {
        var largest = 0;
        for (var c = 0; c < Features; c++)
        {
            features[c] = (float)((random.NextDouble() * 2) - 1);
            largest = c < 4 && features[c] > features[largest] ? c : largest;
        }

        return (largest, features[4] > 0 ? 1 : 0, features[5] + features[6] - features[7]);
    }
}
