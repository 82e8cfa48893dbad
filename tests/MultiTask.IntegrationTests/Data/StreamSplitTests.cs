using System;
using System.Collections.Generic;
using System.Linq;
using MultiTask.Data;
using Xunit;

namespace MultiTask.IntegrationTests.Data;

/// <summary>A split of a streamed file by a hash of each row's index: disjoint, covering, stable, close to its fractions.</summary>
public sealed class StreamSplitTests
{
    private static readonly TableModel.Columns Columns = TableModel.ColumnsOfTable;

    /// <summary>Rows 0 to 39's test part for seed 5 and fractions 0.2 / 0.2 (checked against an independent Python SplitMix64).</summary>
    private static readonly int[] TestRowsOfSeed5 = [0, 6, 9, 10, 12, 14, 18, 19, 25, 29, 33, 35];

    /// <summary>The rows a stream yields, by their x1 column (the row's index in the tests' tables, read unstandardized).</summary>
    private static int[] RowsOf(IEnumerable<TableModel.Batch> batches)
        => batches.SelectMany(b => b.Input[.., 0].data<float>().ToArray()).Select(x => (int)x).ToArray();

    private static (TableFile File, DataPreparation AsRead) Table(DataFiles files, int rows)
    {
        var file = TableFile.Csv(files.Write("t.csv", PreparationTests.Table(rows)));
        return (file, file.FitPreparation(Columns, standardize: false));
    }

    [Fact]
    public void The_parts_are_disjoint_cover_the_file_and_are_close_to_their_fractions()
    {
        using var files = new DataFiles();
        var (file, asRead) = Table(files, 2000);
        var split = new StreamSplit(validation: 0.2, test: 0.1, seed: 3);

        var train = RowsOf(file.Stream(Columns, asRead, batchSize: 64, split: split.Train));
        var validation = RowsOf(file.Stream(Columns, asRead, batchSize: 64, split: split.Validation));
        var test = RowsOf(file.Stream(Columns, asRead, batchSize: 64, split: split.Test));

        Assert.Equal(Enumerable.Range(0, 2000), train.Concat(validation).Concat(test).Order());
        Assert.Equal(train.Order(), train); // unshuffled: each part in file order
        Assert.Equal(Enumerable.Range(0, 2000).Where(r => split.Validation.Contains(r)), validation);
        Assert.Empty(train.Intersect(validation.Concat(test)));
        Assert.Empty(validation.Intersect(test));
        Assert.Equal("validation (20% of the rows, seed 3)", split.Validation.ToString());
        Assert.Equal("train (70% of the rows, seed 3)", split.Train.ToString());

        // Each row is drawn on its own: within 3.5 standard deviations of the binomial's mean.
        Assert.InRange(validation.Length, 400 - (3.5 * Math.Sqrt(2000 * 0.2 * 0.8)), 400 + (3.5 * Math.Sqrt(2000 * 0.2 * 0.8)));
        Assert.InRange(test.Length, 200 - (3.5 * Math.Sqrt(2000 * 0.1 * 0.9)), 200 + (3.5 * Math.Sqrt(2000 * 0.1 * 0.9)));
    }

    [Fact]
    public void A_part_is_the_same_on_every_pass_for_its_seed_shuffled_and_cached_or_not()
    {
        using var files = new DataFiles();
        var (file, asRead) = Table(files, 600);
        var split = new StreamSplit(validation: 0.25, test: 0.25, seed: 8);
        var expected = RowsOf(file.Stream(Columns, asRead, batchSize: 50, split: split.Validation));
        var shuffled = file.Stream(Columns, asRead, batchSize: 50, shuffleBuffer: 40, seed: 2, split: split.Validation);
        var cached = file.Stream(Columns, asRead, batchSize: 50, shuffleBuffer: 40, seed: 2, cacheBudgetBytes: 1 << 20, split: split.Validation);

        Assert.Equal(expected, RowsOf(file.Stream(Columns, asRead, batchSize: 50, split: new StreamSplit(0.25, 0.25, seed: 8).Validation)));
        Assert.NotEqual(expected, RowsOf(file.Stream(Columns, asRead, batchSize: 50, split: new StreamSplit(0.25, 0.25, seed: 9).Validation)));
        var first = RowsOf(shuffled);
        var second = RowsOf(shuffled);
        Assert.NotEqual(expected, first);
        Assert.NotEqual(first, second);
        Assert.Equal(expected, first.Order());
        Assert.Equal(expected, second.Order());
        Assert.Equal(first, RowsOf(cached));
        Assert.Equal(expected.Length, cached.CachedRows);
        Assert.Equal(second, RowsOf(cached));
    }

    [Fact]
    public void The_draw_of_a_row_depends_only_on_the_seed_and_the_row_so_runs_agree()
    {
        // Pinned values: a per-process hash (string.GetHashCode, HashCode) would change them from run to run.
        var split = new StreamSplit(validation: 0.2, test: 0.2, seed: 5);

        Assert.Equal(TestRowsOfSeed5, Enumerable.Range(0, 40).Where(r => split.Test.Contains(r)));
        Assert.Equal(TestRowsOfSeed5.Length, Enumerable.Range(0, 40).Count(r => new StreamSplit(0.2, 0.2, seed: 5).Test.Contains(r)));
    }

    [Fact]
    public void The_standardizer_fits_on_the_training_part_only()
    {
        using var files = new DataFiles();
        var (file, _) = Table(files, 500);
        var split = new StreamSplit(validation: 0.3, test: 0.2, seed: 1);

        var preparation = file.FitPreparation(Columns, split: split.Train);
        var trainRows = Enumerable.Range(0, 500).Where(r => split.Train.Contains(r)).ToArray();

        Assert.Equal(trainRows.Average(), preparation.Scaler!.Mean[0], 2);
        Assert.NotEqual(Enumerable.Range(0, 500).Average(), preparation.Scaler.Mean[0], 0);
        Assert.Equal(["a", "b", "c"], preparation.ClassNames("Species"));
    }

    [Fact]
    public void Fitting_on_a_part_without_rows_names_the_file_and_the_part()
    {
        using var files = new DataFiles();
        var (file, _) = Table(files, 3);
        var split = new StreamSplit(validation: 0.5, test: 0);

        var error = Assert.Throws<DataFileException>(() => file.FitPreparation(Columns, split: split.Test));

        Assert.Equal($"{file.Name}: none of its 3 data rows is in the test part of the split", error.Message);
    }

    [Theory]
    [InlineData(-0.1, 0.2)]
    [InlineData(0.5, 0.5)]
    [InlineData(double.NaN, 0)]
    public void Fractions_outside_the_unit_interval_are_refused(double validation, double test)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new StreamSplit(validation, test));

        Assert.StartsWith($"The validation ({validation}) and test ({test}) fractions must be at least 0 and together below 1.", error.Message);
    }
}
