using System;
using System.Linq;
using MultiTask.Data;
using Xunit;

namespace MultiTask.IntegrationTests.Data.Fields;

public sealed class FieldReaderErrorTests
{
    [Fact]
    public void A_fractional_id_in_a_column_of_ids_names_file_line_and_column()
    {
        var error = ReadError(FieldReaderTests.Csv.Replace(",8,foobar,", ",1.5,foobar,"));

        Assert.Equal("fields.csv, line 3, column 'item': field 'Item': '1.5' is not an id (a whole number)", Name(error));
        Assert.Equal((3L, "'item'"), (error.Line!.Value, error.Column!));
    }

    [Fact]
    public void A_multi_valued_cell_with_too_many_values_names_file_line_and_column()
    {
        var error = ReadError(FieldReaderTests.Csv.Replace(",c,,", ",c|d|e|f,,"));

        Assert.Equal("fields.csv, line 4, column 'recent': field 'Recent': 'c|d|e|f' holds 4 values, but the field takes at most 3", Name(error));
    }

    [Fact]
    public void A_missing_value_of_a_single_valued_field_names_file_line_and_column()
    {
        var error = ReadError(FieldReaderTests.Csv.Replace(",cy,", ",,"));

        Assert.Equal("fields.csv, line 5, column 'user': field 'User': no value, and a categorical field with one value per row cannot be missing", Name(error));
    }

    [Fact]
    public void A_text_cell_in_a_streamed_column_of_ids_names_file_line_and_column()
    {
        using var files = new DataFiles();
        var preparation = TableFile.Csv(files.Write("train.csv", FieldReaderTests.Csv)).FitPreparation(FieldsColumns.OfTable);
        var file = TableFile.Csv(files.Write("fields.csv", FieldReaderTests.Csv.Replace(",9,a,", ",nine,a,")));

        var error = Assert.Throws<DataFileException>(() => file.Stream(FieldsColumns.OfTable, preparation, batchSize: 2, prefetch: 0).ToArray());

        Assert.Equal("fields.csv, line 4, column 'item': field 'Item': 'nine' is not an id (a whole number)", Name(error));
    }

    [Fact]
    public void Rows_of_names_given_a_preparation_of_ids_are_refused()
    {
        using var files = new DataFiles();
        var preparation = TableFile.Csv(files.Write("train.csv", FieldReaderTests.Csv)).Read(FieldsColumns.OfTable).FitPreparation();
        var names = TableFile.Csv(files.Write("names.csv", FieldReaderTests.Csv.Replace(",9,a,", ",nine,a,"))).Read(FieldsColumns.OfTable);

        var error = Assert.Throws<ArgumentException>(() => names.ToFieldTensors(preparation));

        Assert.StartsWith("Field 'Item': the preparation reads ids (whole numbers), but these rows' column holds names.", error.Message);
    }

    [Fact]
    public void More_names_than_the_vocabulary_say_so_at_fitting()
    {
        using var files = new DataFiles();
        var rows = TableFile.Csv(files.Write("fields.csv", FieldReaderTests.Csv.Replace(",cy,", ",dan,").Replace("30,200,bob", "30,200,eve"))).Read(FieldsColumns.OfTable);
        var extra = TableFile.Csv(files.Write("more.csv", FieldReaderTests.Csv.Replace(",cy,", ",dan,").Replace("30,200,bob", "30,200,eve").Replace("40,300,ann", "40,300,bob")));

        var error = Assert.Throws<DataFileException>(() => extra.FitPreparation(FieldsColumns.OfTable));

        Assert.Equal(["ann", "dan", "eve"], rows.FitPreparation().Field("User").Vocabulary);
        Assert.Equal("more.csv, column 'user': field 'User' has a vocabulary of 3, but its column holds 4 distinct names; raise its Vocabulary or hash them (HashBuckets)", Name(error));
        var many = TableFile.Csv(files.Write("many.csv", FieldReaderTests.Csv.Replace("20,100,ann", "20,100,fay").Replace(",cy,", ",dan,").Replace("30,200,bob", "30,200,eve")
            .Replace("40,300,ann", "40,300,gus") + "\n60,500,hal,7,a,,,0,0,0,0,1"));
        Assert.EndsWith("its column holds 4 or more distinct names; raise its Vocabulary or hash them (HashBuckets)", Assert.Throws<DataFileException>(() => many.FitPreparation(FieldsColumns.OfTable)).Message);
    }

    [Fact]
    public void An_image_of_the_wrong_number_of_columns_names_the_field_and_its_shape()
    {
        using var files = new DataFiles();
        var columns = Columns(c => new FieldsColumns { Numeric = c.Numeric, User = c.User, Item = c.Item, Tag = c.Tag, Recent = c.Recent, Title = c.Title, Pixels = InputColumns.Range("px1", "px3"), Click = c.Click });

        var error = Assert.Throws<DataFileException>(() => TableFile.Csv(files.Write("fields.csv", FieldReaderTests.Csv)).Read(columns));

        Assert.Equal("fields.csv: the columns 'px1' to 'px3' select 3 column(s), but field 'Pixels' takes 4 (float32 [N, 1, 2, 2])", Name(error));
    }

    [Fact]
    public void A_multi_valued_field_without_a_separator_is_refused()
    {
        using var files = new DataFiles();
        var columns = Columns(c => new FieldsColumns { Numeric = c.Numeric, User = c.User, Item = c.Item, Tag = c.Tag, Recent = "recent", Title = c.Title, Pixels = c.Pixels, Click = c.Click });

        var error = Assert.Throws<ArgumentException>(() => TableFile.Csv(files.Write("fields.csv", FieldReaderTests.Csv)).Read(columns));

        Assert.StartsWith("Field 'Recent' takes up to 3 values per row: give its CategoryColumn a separator", error.Message);
    }

    [Fact]
    public void A_column_the_file_does_not_have_names_the_field()
    {
        using var files = new DataFiles();
        var columns = Columns(c => new FieldsColumns { Numeric = c.Numeric, User = "users", Item = c.Item, Tag = c.Tag, Recent = c.Recent, Title = c.Title, Pixels = c.Pixels, Click = c.Click });

        var error = Assert.Throws<DataFileException>(() => TableFile.Csv(files.Write("fields.csv", FieldReaderTests.Csv)).Read(columns));

        Assert.StartsWith("fields.csv, column 'users': field 'User' reads the column 'users', which the file does not have (its columns: 'age', 'income'", Name(error));
    }

    [Fact]
    public void A_field_given_another_kind_of_column_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new FieldColumn(FieldsColumns.UserField, FileColumn.Named("user")));
    }

    private static FieldsColumns Columns(Func<FieldsColumns, FieldsColumns> change) => change(FieldsColumns.OfTable);

    private static DataFileException ReadError(string csv)
    {
        using var files = new DataFiles();
        return Assert.Throws<DataFileException>(() => TableFile.Csv(files.Write("fields.csv", csv)).Read(FieldsColumns.OfTable));
    }

    /// <summary>The message with the temporary folder left out.</summary>
    private static string Name(DataFileException error) => error.Message[(error.Message.IndexOf(System.IO.Path.GetFileName(error.File.Split(" + ")[0]), StringComparison.Ordinal))..];
}
