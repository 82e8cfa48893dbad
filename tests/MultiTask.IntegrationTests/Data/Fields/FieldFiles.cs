using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Parquet;
using Parquet.Schema;

namespace MultiTask.IntegrationTests.Data.Fields;

/// <summary>The rows of <see cref="FieldReaderTests.Csv"/> as a Parquet file, the item ids in an int64 column.</summary>
internal static class FieldFiles
{
    public static string WriteParquet(DataFiles files, string name, long[] items)
    {
        var path = files.Write(name, string.Empty);
        string[] numberNames = ["age", "income", "px1", "px2", "px3", "px4", "click"];
        float[][] numbers = [[20, 30, 40, 50], [100, 200, 300, 400], [0, 4, 8, 12], [1, 5, 9, 13], [2, 6, 10, 14], [3, 7, 11, 15], [1, 0, 1, 0]];
        string[] textNames = ["user", "tag", "recent", "title"];
        string?[][] texts = [["ann", "bob", "ann", "cy"], ["a", "foobar", "a", "foobar"], ["a|b", null, "c", "a|a|b"], ["The cat sat", "A dog, a CAT!", null, "cat cat dog bird"]];
        var numberFields = numberNames.Select(n => new DataField<float>(n)).ToArray();
        var textFields = textNames.Select(n => new DataField<string>(n, true)).ToArray();
        var itemField = new DataField<long>("item");
        var schema = new ParquetSchema(numberFields.Cast<Field>().Append(itemField).Concat(textFields));
        Task.Run(async () =>
        {
            await using var stream = File.Create(path);
            await using var writer = await ParquetWriter.CreateAsync(schema, stream);
            using var group = writer.CreateRowGroup();
            for (var i = 0; i < numberFields.Length; i++)
            {
                await group.WriteAsync<float>(numberFields[i], numbers[i]);
            }

            await group.WriteAsync<long>(itemField, items);
            for (var i = 0; i < textFields.Length; i++)
            {
                await group.WriteAsync(textFields[i], texts[i]);
            }
        }).GetAwaiter().GetResult();
        return path;
    }
}
