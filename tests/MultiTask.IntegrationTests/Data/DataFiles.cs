using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading.Tasks;
using Parquet;
using Parquet.Schema;

namespace MultiTask.IntegrationTests.Data;

/// <summary>Small data files in a temporary folder, deleted on dispose; and the real data of ../shared/data.</summary>
internal sealed class DataFiles : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("multitask-data-").FullName;

    public string Write(string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    public string WriteGzip(string name, string text)
    {
        var path = Path.Combine(folder, name);
        using var output = File.Create(path);
        using var gzip = new GZipStream(output, CompressionLevel.Fastest);
        gzip.Write(System.Text.Encoding.UTF8.GetBytes(text));
        return path;
    }

    /// <summary>A Parquet file of float columns (null = missing) and string columns, in row groups of <paramref name="groupRows"/>.</summary>
    public string WriteParquet(string name, IReadOnlyDictionary<string, float?[]> numbers, IReadOnlyDictionary<string, string?[]> texts, int groupRows)
    {
        var path = Path.Combine(folder, name);
        var numberFields = numbers.Keys.Select(k => new DataField<float?>(k)).ToArray();
        var textFields = texts.Keys.Select(k => new DataField<string>(k, true)).ToArray();
        var schema = new ParquetSchema(numberFields.Cast<Field>().Concat(textFields));
        var rows = numbers.Values.Concat<Array>(texts.Values).First().Length;
        Task.Run(async () =>
        {
            await using var stream = File.Create(path);
            await using var writer = await ParquetWriter.CreateAsync(schema, stream);
            for (var start = 0; start < rows; start += groupRows)
            {
                var count = Math.Min(groupRows, rows - start);
                using var group = writer.CreateRowGroup();
                foreach (var field in numberFields)
                {
                    await group.WriteAsync<float>(field, numbers[field.Name].AsMemory(start, count));
                }

                foreach (var field in textFields)
                {
                    await group.WriteAsync(field, texts[field.Name].Skip(start).Take(count).ToArray());
                }
            }
        }).GetAwaiter().GetResult();
        return path;
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>
    /// A file of the project's real data: from $MULTITASK_DATA, else ../shared/data beside the repository, else the copy in
    /// tests/data (so a fresh clone has it); fails naming every place it looked.
    /// </summary>
    public static string Real(string file)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Dsl.sln")))
        {
            root = root.Parent;
        }

        var repository = root?.FullName ?? ".";
        string?[] folders = [Environment.GetEnvironmentVariable("MULTITASK_DATA"), Path.Combine(repository, "..", "shared", "data"), Path.Combine(repository, "tests", "data")];
        var candidates = folders.OfType<string>().Select(folder => Path.GetFullPath(Path.Combine(folder, file))).ToArray();
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"The real-data tests need {file}; looked in {string.Join(", ", candidates)}.", file);
    }
}
