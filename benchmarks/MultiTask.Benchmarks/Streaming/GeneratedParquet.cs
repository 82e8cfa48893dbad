using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Parquet;
using Parquet.Schema;

namespace MultiTask.Benchmarks.Streaming;

/// <summary>A Parquet file of <see cref="GeneratedRows"/> in row groups: a float32 column per feature, the class as int32, the binary label and the sum as float32.</summary>
internal static class GeneratedParquet
{
    public static void Write(string path, long rows, int groupRows, int seed) => WriteAsync(path, rows, groupRows, seed).GetAwaiter().GetResult();

    private static async Task WriteAsync(string path, long rows, int groupRows, int seed)
    {
        var features = Enumerable.Range(0, GeneratedRows.Features).Select(c => new DataField<float>($"x{c}")).ToArray();
        var largestField = new DataField<int>("largest");
        var positiveField = new DataField<float>("positive");
        var sumField = new DataField<float>("sum");
        var schema = new ParquetSchema(features.Cast<Field>().Append(largestField).Append(positiveField).Append(sumField));
        var random = new Random(seed);
        var columns = features.Select(_ => new float[groupRows]).ToArray();
        var largest = new int[groupRows];
        var positive = new float[groupRows];
        var sum = new float[groupRows];
        var row = new float[GeneratedRows.Features];

        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream);
        for (long start = 0; start < rows; start += groupRows)
        {
            var count = (int)Math.Min(groupRows, rows - start);
            for (var r = 0; r < count; r++)
            {
                (largest[r], positive[r], sum[r]) = GeneratedRows.Next(random, row);
                for (var c = 0; c < row.Length; c++)
                {
                    columns[c][r] = row[c];
                }
            }

            using var group = writer.CreateRowGroup();
            for (var c = 0; c < features.Length; c++)
            {
                await group.WriteAsync<float>(features[c], columns[c].AsMemory(0, count));
            }

            await group.WriteAsync<int>(largestField, largest.AsMemory(0, count));
            await group.WriteAsync<float>(positiveField, positive.AsMemory(0, count));
            await group.WriteAsync<float>(sumField, sum.AsMemory(0, count));
        }
    }
}
