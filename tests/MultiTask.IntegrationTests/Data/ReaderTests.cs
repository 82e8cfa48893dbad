using System.Collections.Generic;
using System.Linq;
using MultiTask.Data;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.IntegrationTests.Data;

public sealed class ReaderTests
{
    private const string Csv = """
        x1,x2,x3,species,flag,len,wid,note
        1,2,3,setosa,1,0.5,0.1,a
        4,5,6,virginica,0,1.5,,b
        7,8,9,,true,2.5,0.3,c
        1,1,1,versicolor,false,3.5,0.4,d
        """;

    private static readonly TableModel.Columns ByName = TableModel.ColumnsOfTable;

    [Fact]
    public void A_csv_file_gives_features_class_indices_of_sorted_names_binary_labels_and_masked_missing_values()
    {
        using var files = new DataFiles();
        var rows = TableFile.Csv(files.Write("table.csv", Csv)).Read(ByName);

        Assert.Equal(4, rows.Count);
        Assert.Equal(["setosa", "versicolor", "virginica"], rows.Encodings.Single(e => e.Task == "Species").Classes);
        var (input, targets) = rows.ToTensors(rows.FitPreparation(standardize: false));
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 1, 1 }, input.data<float>().ToArray());
        Assert.Equal(new long[] { 0, 2, 0, 1 }.Where((_, r) => r != 2), targets[0].Labels.data<long>().ToArray().Where((_, r) => r != 2));
        Assert.Equal(new[] { true, true, false, true }, targets[0].Mask!.data<bool>().ToArray());
        Assert.Equal(new float[] { 1, 0, 1, 0 }, targets[1].Labels.data<float>().ToArray());
        Assert.Null(targets[1].Mask);
        Assert.Equal(new long[] { 4, 2 }, targets[2].Labels.shape);
        Assert.Equal(new[] { true, false, true, true }, targets[2].Mask!.data<bool>().ToArray());
        Assert.Equal(new float[] { 3.5f, 0.4f }, targets[2].Labels[3].data<float>().ToArray());
    }

    [Fact]
    public void A_tsv_file_without_a_header_reads_columns_by_position_and_a_range()
    {
        using var files = new DataFiles();
        var path = files.Write("table.tsv", string.Join('\n', Csv.Split('\n').Skip(1).Select(l => l.Replace(',', '\t'))));
        var columns = new TableModel.Columns { Features = InputColumns.Range(0, 2), Species = 3, Flag = 4, Size = TargetColumn.Of(5, 6) };

        var tsv = TableFile.Tsv(path, hasHeader: false).Read(columns);
        var csv = TableFile.Csv(files.Write("table.csv", Csv)).Read(ByName);

        AssertSameRows(csv, tsv);
    }

    [Fact]
    public void A_parquet_file_in_several_row_groups_reads_as_the_same_csv_does()
    {
        using var files = new DataFiles();
        var path = files.WriteParquet("table.parquet",
            new Dictionary<string, float?[]>
            {
                ["x1"] = [1, 4, 7, 1], ["x2"] = [2, 5, 8, 1], ["x3"] = [3, 6, 9, 1],
                ["flag"] = [1, 0, 1, 0], ["len"] = [0.5f, 1.5f, 2.5f, 3.5f], ["wid"] = [0.1f, null, 0.3f, 0.4f],
            },
            new Dictionary<string, string?[]> { ["species"] = ["setosa", "virginica", null, "versicolor"] },
            groupRows: 3);

        var parquet = TableFile.Parquet(path).Read(ByName);
        var csv = TableFile.Csv(files.Write("table.csv", Csv)).Read(ByName);

        AssertSameRows(csv, parquet);
    }

    [Fact]
    public void Fixed_class_names_set_the_class_order()
    {
        using var files = new DataFiles();
        var columns = new TableModel.Columns
        {
            Features = InputColumns.Named("x3", "x1", "x2"),
            Species = TargetColumn.Of("species").WithClasses("virginica", "versicolor", "setosa"),
            Flag = "flag",
            Size = TargetColumn.Of("len", "wid"),
        };

        var rows = TableFile.Csv(files.Write("table.csv", Csv)).Read(columns);
        var (input, targets) = rows.ToTensors(rows.FitPreparation(standardize: false));

        Assert.Equal(new long[] { 2, 0 }, targets[0].Labels.data<long>().ToArray().Take(2));
        Assert.Equal(new float[] { 3, 1, 2 }, input[0].data<float>().ToArray());
    }

    [Fact]
    public void A_transform_derives_a_binary_target_from_a_numeric_column()
    {
        using var files = new DataFiles();
        var columns = new TableModel.Columns { Features = InputColumns.Prefix("x"), Species = "species", Flag = TargetColumn.Of("x1").Map(v => v > 3 ? 1 : 0), Size = TargetColumn.Of("len", "wid") };

        var rows = TableFile.Csv(files.Write("table.csv", Csv)).Read(columns);
        var (_, targets) = rows.ToTensors(rows.FitPreparation(standardize: false));

        Assert.Equal(new float[] { 0, 1, 1, 0 }, targets[1].Labels.data<float>().ToArray());
    }

    [Fact]
    public void A_gzip_compressed_csv_reads_like_the_plain_file()
    {
        using var files = new DataFiles();
        var plain = files.Write("table.csv", Csv);
        var zipped = files.WriteGzip("table.csv.gz", Csv);

        AssertSameRows(TableFile.Open(plain).Read(ByName), TableFile.Open(zipped).Read(ByName));
    }

    internal static double[] Numbers(Tensor tensor) => tensor.to(ScalarType.Float64).data<double>().ToArray();

    internal static void AssertSameRows<TBatch>(LabeledRows<TBatch> expected, LabeledRows<TBatch> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.Encodings, actual.Encodings, (a, b) => a.Task == b.Task && (a.Classes ?? []).SequenceEqual(b.Classes ?? []));
        var (x1, t1) = expected.ToTensors(expected.FitPreparation(standardize: false));
        var (x2, t2) = actual.ToTensors(actual.FitPreparation(standardize: false));
        Assert.Equal(x1.data<float>().ToArray(), x2.data<float>().ToArray());
        for (var t = 0; t < t1.Length; t++)
        {
            Assert.Equal(t1[t].Mask?.data<bool>().ToArray(), t2[t].Mask?.data<bool>().ToArray());
            var present = t1[t].Mask ?? ones(t1[t].Rows, dtype: ScalarType.Bool);
            Assert.Equal(Numbers(t1[t].Labels[present]), Numbers(t2[t].Labels[present]));
        }
    }
}
