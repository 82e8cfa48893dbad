using System.Collections.Generic;
using MultiTask.Data;
using Xunit;

namespace MultiTask.IntegrationTests.Data;

public sealed class ReaderErrorTests
{
    private const string Header = "x1,x2,x3,species,flag,len,wid";

    private static readonly TableModel.Columns Columns = TableModel.ColumnsOfTable;

    private static DataFileException ReadError(string text, TableModel.Columns? columns = null)
    {
        using var files = new DataFiles();
        var path = files.Write("bad.csv", text);
        var error = Assert.Throws<DataFileException>(() => TableFile.Csv(path).Read(columns ?? Columns));
        Assert.Equal(path, error.File);
        Assert.StartsWith(path, error.Message);
        return error;
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_fields_names_its_line()
    {
        var error = ReadError($"{Header}\n1,2,3,a,1,0.5,0.1\n1,2,3,a,1,0.5\n");

        Assert.Equal(3, error.Line);
        Assert.EndsWith(", line 3: expected 7 fields, found 6", error.Message);
    }

    [Fact]
    public void A_non_numeric_feature_names_its_line_and_column()
    {
        var error = ReadError($"{Header}\n1,2,3,a,1,0.5,0.1\n1,two,3,a,1,0.5,0.1\n");

        Assert.Equal((3L, "'x2'"), (error.Line, error.Column));
        Assert.EndsWith(", line 3, column 'x2': 'two' is not a number", error.Message);
    }

    [Fact]
    public void A_non_numeric_regression_value_names_its_line_and_column()
    {
        var error = ReadError($"{Header}\n1,2,3,a,1,0.5,0.1\n1,2,3,a,1,0.5,wide\n1,2,3,a,1,0.5,0.1\n");

        Assert.EndsWith(", line 3, column 'wid': 'wide' is not a number", error.Message);
    }

    [Fact]
    public void A_missing_feature_is_an_error_not_a_masked_row()
    {
        var error = ReadError($"{Header}\n1,,3,a,1,0.5,0.1\n");

        Assert.EndsWith(", line 2, column 'x2': no value, and an input cannot be missing", error.Message);
    }

    [Fact]
    public void An_empty_file_says_so()
    {
        var error = ReadError(string.Empty);

        Assert.EndsWith(": the file is empty", error.Message);
        Assert.Null(error.Line);
    }

    [Fact]
    public void A_header_without_rows_says_so()
    {
        Assert.EndsWith(": the file has no data rows", ReadError(Header + "\n").Message);
    }

    [Fact]
    public void A_missing_target_column_names_the_task_and_the_column()
    {
        var error = ReadError("x1,x2,x3,species,flag,len\n1,2,3,a,1,0.5\n");

        Assert.Equal("'wid'", error.Column);
        Assert.EndsWith(": task 'Size' reads the column 'wid', which the file does not have (its columns: 'x1', 'x2', 'x3', 'species', 'flag', 'len')", error.Message);
    }

    [Fact]
    public void Features_of_the_wrong_width_name_the_model_and_both_counts()
    {
        var error = ReadError("x1,x2,species,flag,len,wid\n1,2,a,1,0.5,0.1\n");

        Assert.EndsWith(": the columns starting with 'x' select 2 column(s), but TableModel takes 3 inputs", error.Message);
    }

    [Fact]
    public void A_class_name_outside_fixed_names_names_its_line()
    {
        var columns = new TableModel.Columns { Features = InputColumns.Prefix("x"), Species = TargetColumn.Of("species").WithClasses("a", "b", "c"), Flag = "flag", Size = TargetColumn.Of("len", "wid") };

        var error = ReadError($"{Header}\n1,2,3,a,1,0.5,0.1\n1,2,3,d,1,0.5,0.1\n", columns);

        Assert.EndsWith(", line 3, column 'species': 'd' is not one of the classes of 'Species' (a, b, c)", error.Message);
    }

    [Fact]
    public void More_class_names_than_classes_lists_them()
    {
        var error = ReadError($"{Header}\n1,2,3,a,1,0.5,0.1\n1,2,3,b,1,0.5,0.1\n1,2,3,c,1,0.5,0.1\n1,2,3,d,1,0.5,0.1\n");

        Assert.EndsWith(", column 'species': task 'Species' has 3 classes, but its column holds 4 names: 'a', 'b', 'c', 'd'", error.Message);
    }

    [Fact]
    public void A_fractional_class_index_names_its_line()
    {
        var error = ReadError($"{Header}\n1,2,3,1,1,0.5,0.1\n1,2,3,1.5,1,0.5,0.1\n");

        Assert.EndsWith(", line 3, column 'species': '1.5' is not a class index (a whole number)", error.Message);
    }

    [Fact]
    public void A_missing_parquet_column_names_the_file_and_the_column()
    {
        using var files = new DataFiles();
        var path = files.WriteParquet("table.parquet",
            new Dictionary<string, float?[]> { ["x1"] = [1], ["x2"] = [2], ["x3"] = [3], ["flag"] = [1], ["len"] = [0.5f] },
            new Dictionary<string, string?[]> { ["species"] = ["a"] },
            groupRows: 1);

        var error = Assert.Throws<DataFileException>(() => TableFile.Parquet(path).Read(Columns));

        Assert.Equal((path, "'wid'"), (error.File, error.Column));
        Assert.StartsWith($"{path}, column 'wid': task 'Size' reads the column 'wid', which the file does not have", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_parquet_says_so()
    {
        using var files = new DataFiles();
        var path = files.Write("table.parquet", "x1,x2\n1,2\n");

        var error = Assert.Throws<DataFileException>(() => TableFile.Parquet(path).Read(Columns));

        Assert.StartsWith($"{path}: not a Parquet file", error.Message);
    }

    [Fact]
    public void A_missing_file_says_so()
    {
        var error = Assert.Throws<DataFileException>(() => TableFile.Csv("/nonexistent/table.csv").Read(Columns));

        Assert.Equal("/nonexistent/table.csv: no such file", error.Message);
    }
}
