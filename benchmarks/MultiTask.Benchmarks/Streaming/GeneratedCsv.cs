using System;
using System.Globalization;
using System.IO;
using MultiTask.Data;

namespace MultiTask.Benchmarks.Streaming;

/// <summary>A CSV file of <see cref="StreamModel"/> rows, written to a given size: 128 features in [-1, 1], then the three targets.</summary>
internal static class GeneratedCsv
{
    public const int Features = 128;

    public static StreamModel.Columns Columns { get; } = new()
    {
        Features = InputColumns.Prefix("x"),
        Largest = "largest",
        Positive = "positive",
        Sum = "sum",
    };

    /// <summary>Writes rows to <paramref name="path"/> until it holds at least <paramref name="megabytes"/> MB; returns the row count.</summary>
    public static long Write(string path, long megabytes, int seed)
    {
        var random = new Random(seed);
        var target = megabytes * 1024 * 1024;
        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false), bufferSize: 1 << 20);
        for (var c = 0; c < Features; c++)
        {
            writer.Write(FormattableString.Invariant($"x{c},"));
        }

        writer.Write("largest,positive,sum\n");
        var row = new float[Features];
        Span<char> cell = stackalloc char[16];
        long rows = 0;
        while (writer.BaseStream.Position < target)
        {
            var largest = 0;
            for (var c = 0; c < Features; c++)
            {
                row[c] = (float)((random.NextDouble() * 2) - 1);
                largest = c < 4 && row[c] > row[largest] ? c : largest;
                row[c].TryFormat(cell, out var written, "F4", CultureInfo.InvariantCulture);
                writer.Write(cell[..written]);
                writer.Write(',');
            }

            writer.Write(largest.ToString(CultureInfo.InvariantCulture));
            writer.Write(row[4] > 0 ? ",1," : ",0,");
            (row[5] + row[6] - row[7]).TryFormat(cell, out var length, "F4", CultureInfo.InvariantCulture);
            writer.Write(cell[..length]);
            writer.Write('\n');
            rows++;
        }

        return rows;
    }
}
