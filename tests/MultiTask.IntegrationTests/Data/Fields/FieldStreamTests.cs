using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MultiTask.Data;
using Xunit;

namespace MultiTask.IntegrationTests.Data.Fields;

/// <summary>A field model's file streamed: split while streaming, shuffled, cached as one tensor per field.</summary>
public sealed class FieldStreamTests
{
    private static readonly FieldsColumns Columns = FieldsColumns.OfTable;

    /// <summary>
    /// Row i: age i, item i, a title of the word <c>w{i}</c> i + 1 times (so the most frequent words are the last rows'), pixels
    /// from i, and the other fields as <see cref="FieldReaderTests.Csv"/> has them.
    /// </summary>
    private static string Table(int rows)
    {
        string[] users = ["ann", "bob", "cy"];
        var lines = Enumerable.Range(0, rows).Select(i => string.Create(CultureInfo.InvariantCulture,
            $"{i},{2 * i},{users[i % 3]},{i},t{i},a|b,{string.Join(' ', Enumerable.Repeat($"w{i}", i + 1))},{i},{i + 1},{i + 2},{i + 3},{i % 2}"));
        return string.Join('\n', lines.Prepend("age,income,user,item,tag,recent,title,px1,px2,px3,px4,click"));
    }

    /// <summary>The rows a stream yields, by their age (the row's index, read unstandardized), after checking each row's item id is the same.</summary>
    private static int[] RowsOf(IEnumerable<FieldsBatch> batches)
        => batches.SelectMany(b =>
        {
            var ages = b.Fields[0][.., 0].data<float>().ToArray().Select(a => (long)a).ToArray();
            Assert.Equal(ages, b.Fields[2].data<long>().ToArray());
            return ages;
        }).Select(a => (int)a).ToArray();

    [Fact]
    public void A_split_field_stream_keeps_its_parts_rows_cached_or_not()
    {
        using var files = new DataFiles();
        var file = TableFile.Csv(files.Write("fields.csv", Table(60)));
        var split = new StreamSplit(validation: 0.25, test: 0.25, seed: 4);
        var asRead = file.FitPreparation(Columns, standardize: false);

        var train = RowsOf(file.Stream(Columns, asRead, batchSize: 8, split: split.Train));
        var validation = RowsOf(file.Stream(Columns, asRead, batchSize: 8, split: split.Validation));
        var test = RowsOf(file.Stream(Columns, asRead, batchSize: 8, prefetch: 0, split: split.Test));

        Assert.Equal(Enumerable.Range(0, 60).Where(r => split.Validation.Contains(r)), validation);
        Assert.Equal(Enumerable.Range(0, 60), train.Concat(validation).Concat(test).Order());
        Assert.NotEmpty(test);
        var cached = file.Stream(Columns, asRead, batchSize: 8, shuffleBuffer: 10, seed: 3, cacheBudgetBytes: 1 << 20, split: split.Train);
        var firstPass = RowsOf(cached);
        Assert.Equal(train.Length, cached.CachedRows);
        Assert.Equal(train, firstPass.Order());
        Assert.NotEqual(train, firstPass);
    }

    [Fact]
    public void A_cached_shuffled_field_stream_yields_the_batches_of_an_uncached_one()
    {
        using var files = new DataFiles();
        var file = TableFile.Csv(files.Write("fields.csv", Table(40)));
        var preparation = file.FitPreparation(Columns);
        var uncached = file.Stream(Columns, preparation, batchSize: 6, shuffleBuffer: 9, seed: 5);
        var cached = file.Stream(Columns, preparation, batchSize: 6, shuffleBuffer: 9, seed: 5, cacheBudgetBytes: 1 << 20);

        for (var pass = 0; pass < 3; pass++)
        {
            var expected = uncached.ToArray();
            var batches = cached.ToArray();
            Assert.Equal(expected.Length, batches.Length);
            foreach (var (want, got) in expected.Zip(batches))
            {
                Assert.Equal(want.Fields.Select(f => f.dtype), got.Fields.Select(f => f.dtype));
                Assert.All(want.Fields.Zip(got.Fields), f => Assert.True(f.First.shape.SequenceEqual(f.Second.shape) && f.First.eq(f.Second).all().item<bool>()));
                Assert.True(want.Click.Labels.eq(got.Click.Labels).all().item<bool>());
            }
        }

        Assert.Equal(40, cached.CachedRows);
    }

    [Fact]
    public void A_preparation_fitted_on_a_part_learns_its_standardizer_and_vocabularies_from_that_parts_rows()
    {
        using var files = new DataFiles();
        var file = TableFile.Csv(files.Write("fields.csv", Table(30)));
        var split = new StreamSplit(validation: 0.3, test: 0.2, seed: 6);
        var trainRows = Enumerable.Range(0, 30).Where(r => split.Train.Contains(r)).ToArray();

        var preparation = file.FitPreparation(Columns, split: split.Train);
        var whole = file.FitPreparation(Columns);

        // The text's vocabulary is its 5 - 2 most frequent words: the title words of the part's last three rows.
        string[] expected = trainRows.Reverse().Take(3).Select(r => $"w{r}").ToArray();
        Assert.Equal(expected, preparation.Field("Title").Vocabulary);
        Assert.NotEqual(expected, whole.Field("Title").Vocabulary);
        Assert.Equal(trainRows.Average(), preparation.Scaler!.Mean[0], 4);
        Assert.Equal(14.5, whole.Scaler!.Mean[0], 4);
        Assert.Equal(["ann", "bob", "cy"], preparation.Field("User").Vocabulary!.Order());
    }

    [Fact]
    public void A_part_without_rows_fails_naming_it_for_a_field_model_too()
    {
        using var files = new DataFiles();
        var file = TableFile.Csv(files.Write("fields.csv", Table(1)));
        var split = new StreamSplit(validation: 0.2, test: 0.2, seed: 5);
        Assert.True(split.Test.Contains(0));

        // Without a standardizer, the vocabularies alone would have been fitted on no rows.
        var error = Assert.Throws<DataFileException>(() => file.FitPreparation(Columns, standardize: false, split: split.Train));

        Assert.Equal($"{file.Name}: none of its 1 data rows is in the train part of the split", error.Message);
    }
}
