using System;
using System.Globalization;
using System.IO;

namespace MultiTask.Benchmarks.Streaming;

/// <summary>A CSV file of <see cref="GeneratedRows"/>, written to a given size, every value with four decimals.</summary>
internal static class GeneratedCsv
{
    /// <summary>Writes rows to <paramref name="path"/> until it holds at least <paramref name="megabytes"/> MB; returns the row count.</summary>
    public static long Write(string path, long megabytes, int seed)
    {
        var random = new Random(seed);
        var target = megabytes * 1024 * 1024;
        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false), bufferSize: 1 << 20);
        for (var c = 0; c < GeneratedRows.Features; c++)
        {
            writer.Write(FormattableString.Invariant($"x{c},"));
        }

        writer.Write("largest,positive,sum\n");
        var row = new float[GeneratedRows.Features];
        Span<char> cell = stackalloc char[16];
        long rows = 0;
        while (writer.BaseStream.Position < target)
        {
            var (largest, positive, sum) = GeneratedRows.Next(random, row);
            foreach (var value in row)
            {
                value.TryFormat(cell, out var written, "F4", CultureInfo.InvariantCulture);
                writer.Write(cell[..written]);
                writer.Write(',');
            }

            writer.Write(largest.ToString(CultureInfo.InvariantCulture));
            writer.Write(positive > 0 ? ",1," : ",0,");
            sum.TryFormat(cell, out var length, "F4", CultureInfo.InvariantCulture);
            writer.Write(cell[..length]);
            writer.Write('\n');
            rows++;
        }

        return rows;
    }
}
