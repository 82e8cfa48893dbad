using System.Linq;
using MultiTask.Data;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.IntegrationTests.Data.Fields;

public sealed class FieldReaderTests
{
    internal const string Csv = """
        age,income,user,item,tag,recent,title,px1,px2,px3,px4,click
        20,100,ann,7,a,a|b,The cat sat,0,1,2,3,1
        30,200,bob,8,foobar,,"A dog, a CAT!",4,5,6,7,0
        40,300,ann,9,a,c,,8,9,10,11,1
        50,400,cy,7,foobar,a | a|b,cat cat dog bird,12,13,14,15,0
        """;

    [Fact]
    public void Every_field_kind_reads_into_its_tensor()
    {
        using var files = new DataFiles();
        var rows = TableFile.Csv(files.Write("fields.csv", Csv)).Read(FieldsColumns.OfTable);
        var preparation = rows.FitPreparation();

        var (fields, targets) = rows.ToFieldTensors(preparation);

        // Dense: standardized (mean 35 and 250, population sd sqrt(125) and sqrt(12500)).
        Assert.Equal(new long[] { 4, 2 }, fields[0].shape);
        Assert.Equal(-15 / System.Math.Sqrt(125), fields[0][0, 0].item<float>(), 5);
        Assert.Equal(150 / System.Math.Sqrt(12500), fields[0][3, 1].item<float>(), 5);
        // Names: frequency order, ties in ordinal order (ann 2, bob 1, cy 1).
        Assert.Equal(["ann", "bob", "cy"], preparation.Field("User").Vocabulary);
        Assert.Equal(new long[] { 0, 1, 0, 2 }, fields[1].data<long>().ToArray());
        // Whole numbers: the ids as written.
        Assert.Equal(FieldValues.Ids, preparation.Field("Item").Values);
        Assert.Equal(new long[] { 7, 8, 9, 7 }, fields[2].data<long>().ToArray());
        // Hashed names: 64-bit FNV-1a (the published test vectors of "a" and "foobar").
        Assert.Equal(FieldValues.HashedNames, preparation.Field("Tag").Values);
        Assert.Equal(new[] { unchecked((long)0xaf63dc4c8601ec8cUL), unchecked((long)0x85944171f73967e8UL) }, fields[3].data<long>().ToArray().Take(2));
        // Multi-valued: up to 3 values split at '|', -1 for an empty slot (a 3, b 2, c 1).
        Assert.Equal(new long[] { 4, 3 }, fields[4].shape);
        Assert.Equal(new long[] { 0, 1, -1, -1, -1, -1, 2, -1, -1, 0, 0, 1 }, fields[4].data<long>().ToArray());
        // Text: lower-cased words; the 5 - 2 most frequent (cat 4, a 2, dog 2) are ids 2.., others 1, padding 0.
        Assert.Equal(["cat", "a", "dog"], preparation.Field("Title").Vocabulary);
        Assert.Equal(new long[] { 1, 2, 1, 0, 3, 4, 3, 2, 0, 0, 0, 0, 2, 2, 4, 1 }, fields[5].data<long>().ToArray());
        // Image: as read (not standardized), [N, C, H, W].
        Assert.Equal(new long[] { 4, 1, 2, 2 }, fields[6].shape);
        Assert.Equal(Enumerable.Range(0, 16).Select(i => (float)i), fields[6].data<float>().ToArray());
        Assert.Equal(["'age'", "'income'"], preparation.Features);
        Assert.Equal(new float[] { 1, 0, 1, 0 }, targets[0].Labels.data<float>().ToArray());
    }

    [Fact]
    public void A_column_with_one_name_is_a_column_of_names_numbers_included()
    {
        using var files = new DataFiles();
        var rows = TableFile.Csv(files.Write("fields.csv", Csv.Replace("20,100,ann", "20,100,42").Replace("40,300,ann", "40,300,42"))).Read(FieldsColumns.OfTable);
        var preparation = rows.FitPreparation();

        var (fields, _) = rows.ToFieldTensors(preparation);

        Assert.Equal(FieldValues.Names, preparation.Field("User").Values);
        Assert.Equal(["42", "bob", "cy"], preparation.Field("User").Vocabulary);
        Assert.Equal(new long[] { 0, 1, 0, 2 }, fields[1].data<long>().ToArray());
    }

    [Fact]
    public void Batches_go_through_the_maps_batches_and_the_fields_data_set_checks()
    {
        using var files = new DataFiles();
        var rows = TableFile.Csv(files.Write("fields.csv", Csv)).Read(FieldsColumns.OfTable);
        var outOfRange = TableFile.Csv(files.Write("range.csv", Csv.Replace(",9,a,", ",150,a,"))).Read(FieldsColumns.OfTable);

        var batches = rows.Batches(rows.FitPreparation(), batchSize: 3).ToArray();
        var error = Assert.ThrowsAny<System.Exception>(() => outOfRange.Batches(outOfRange.FitPreparation(), batchSize: 3).ToArray());

        Assert.Equal([3L, 1L], batches.Select(b => b.Fields[0].size(0)));
        Assert.Equal(new long[] { 0, 0, 1 }, batches[1].Fields[4].data<long>().ToArray());
        Assert.Contains("Item", error.Message);
        Assert.Contains("150", error.Message);
    }

    [Fact]
    public void Vocabularies_come_from_the_training_rows_and_new_names_get_the_unknown_id()
    {
        using var files = new DataFiles();
        var train = TableFile.Csv(files.Write("train.csv", Csv)).Read(FieldsColumns.OfTable);
        var test = TableFile.Csv(files.Write("test.csv", """
            age,income,user,item,tag,recent,title,px1,px2,px3,px4,click
            20,100,dan,7,zzz,d|a,Dog bird,0,1,2,3,1
            """)).Read(FieldsColumns.OfTable);

        var (fields, _) = test.ToFieldTensors(train.FitPreparation());

        Assert.Equal(3, fields[1].item<long>());                                    // User: vocabulary 3, its reserved row
        Assert.Equal(new long[] { 4, 0, -1 }, fields[4].data<long>().ToArray());    // Recent: vocabulary 4
        Assert.Equal(new long[] { 4, 1, 0, 0 }, fields[5].data<long>().ToArray());  // Title: a word it did not see is 1
    }

    [Fact]
    public void The_vocabularies_round_trip_through_the_saved_preparation()
    {
        using var files = new DataFiles();
        var rows = TableFile.Csv(files.Write("fields.csv", Csv)).Read(FieldsColumns.OfTable);
        var preparation = rows.FitPreparation();
        var model = files.Write("fields.mtl", "model");

        preparation.SaveBeside(model);
        var loaded = DataPreparation.LoadBeside(model);

        Assert.Equal(preparation.Fields.Select(f => (f.Field, f.Values, f.Width, f.Separator, f.Unknown)), loaded.Fields.Select(f => (f.Field, f.Values, f.Width, f.Separator, f.Unknown)));
        Assert.All(preparation.Fields.Zip(loaded.Fields), p => Assert.Equal(p.First.Vocabulary ?? [], p.Second.Vocabulary ?? []));
        var before = rows.ToFieldTensors(preparation).Fields;
        var after = rows.ToFieldTensors(loaded).Fields;
        Assert.All(before.Zip(after), p => Assert.True(p.First.eq(p.Second).all().item<bool>()));
        Assert.Equal(new long[] { 1, 3 }, loaded.Encode("User", ["bob", "zed"]).data<long>().ToArray());
        Assert.Equal(new long[] { 2, 1, 0, 0 }, loaded.Encode("Title", ["CAT? mouse"]).data<long>().ToArray());
        Assert.Equal(new long[] { 2, 0, -1 }, loaded.Encode("Recent", ["c|a"]).data<long>().ToArray());
    }

    [Fact]
    public void Streaming_a_field_model_gives_the_batches_read_into_memory()
    {
        using var files = new DataFiles();
        var file = TableFile.Csv(files.Write("fields.csv", Csv));
        var columns = FieldsColumns.OfTable;
        var preparation = file.FitPreparation(columns);
        var inMemory = file.Read(columns).Batches(preparation, batchSize: 3).ToArray();

        foreach (var prefetch in new[] { 0, 2 })
        {
            var streamed = file.Stream(columns, preparation, batchSize: 3, prefetch: prefetch, cacheBudgetBytes: 1 << 20);
            for (var pass = 0; pass < 2; pass++)
            {
                var batches = streamed.ToArray();
                Assert.Equal(inMemory.Length, batches.Length);
                Assert.All(inMemory.Zip(batches), p => Assert.All(p.First.Fields.Zip(p.Second.Fields), f => Assert.True(f.First.eq(f.Second).all().item<bool>())));
            }

            Assert.Equal(4, streamed.CachedRows);
        }
    }

    [Fact]
    public void Two_files_side_by_side_read_as_the_one_file_does()
    {
        using var files = new DataFiles();
        var lines = Csv.Split('\n');
        var left = TableFile.Csv(files.Write("left.csv", string.Join('\n', lines.Select(l => string.Join(',', l.Split(',').Take(6))))));
        var right = TableFile.Csv(files.Write("right.csv", string.Join('\n', lines.Select(l => string.Join(',', l.Split(',').Skip(6))))));
        var whole = TableFile.Csv(files.Write("fields.csv", Csv)).Read(FieldsColumns.OfTable);

        var joined = left.Beside(right).Read(FieldsColumns.OfTable);

        var preparation = whole.FitPreparation();
        Assert.Equal(preparation.Fields, joined.FitPreparation().Fields, (a, b) => a.Values == b.Values && (a.Vocabulary ?? []).SequenceEqual(b.Vocabulary ?? []));
        var expected = whole.ToFieldTensors(preparation).Fields;
        Assert.All(expected.Zip(joined.ToFieldTensors(preparation).Fields), p => Assert.True(p.First.eq(p.Second).all().item<bool>()));
    }

    [Fact]
    public void Long_ids_of_a_parquet_column_stay_exact()
    {
        using var files = new DataFiles();
        var path = FieldFiles.WriteParquet(files, "fields.parquet", items: [123_456_789_012, 7, 8, 9]);

        var rows = TableFile.Parquet(path).Read(FieldsColumns.OfTable);
        var (fields, _) = rows.ToFieldTensors(rows.FitPreparation());

        Assert.Equal(new long[] { 123_456_789_012, 7, 8, 9 }, fields[2].data<long>().ToArray());
        Assert.Equal(["ann", "bob", "cy"], rows.FitPreparation().Field("User").Vocabulary);
    }
}
