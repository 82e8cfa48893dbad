using System.Linq;
using MultiTask.Data;
using Xunit;

namespace MultiTask.IntegrationTests.Data;

/// <summary>Errors after, and in, a row whose quoted field spans lines name the file's physical line, as an editor shows it.</summary>
public sealed class MultiLineFieldTests
{
    private const string Header = "note,x1,x2,x3,species,flag,len,wid";

    private const string Good = "1,2,3,a,1,0.5,0.1";

    private static DataFileException ReadError(TableFile file, TableModel.Columns? columns = null)
        => Assert.Throws<DataFileException>(() => file.Read(columns ?? TableModel.ColumnsOfTable));

    private static DataFileException CsvError(string text, TableModel.Columns? columns = null)
    {
        using var files = new DataFiles();
        return ReadError(TableFile.Csv(files.Write("notes.csv", text)), columns);
    }

    [Fact]
    public void A_bad_cell_after_a_three_line_field_names_its_own_line()
    {
        // Lines: 1 header, 2-4 the first row's note, 5 a plain row, 6 the bad row.
        var error = CsvError($"{Header}\n\"one\ntwo\nthree\",{Good}\n,{Good}\n,1,two,3,a,1,0.5,0.1\n");

        Assert.Equal((6L, "'x2'"), (error.Line, error.Column));
        Assert.EndsWith(", line 6, column 'x2': 'two' is not a number", error.Message);
    }

    [Fact]
    public void A_bad_cell_in_a_row_whose_earlier_field_spans_lines_names_the_line_the_row_starts_on()
    {
        var error = CsvError($"{Header}\n,{Good}\n\"one\ntwo\",1,two,3,a,1,0.5,0.1\n");

        Assert.EndsWith(", line 3, column 'x2': 'two' is not a number", error.Message);
    }

    [Fact]
    public void Every_field_that_spans_lines_adds_its_lines()
    {
        var error = CsvError($"{Header}\n\"a\nb\",{Good}\n\"c\n\nd\",{Good}\n,{Good}\n,1,2,3,a,1,0.5\n");

        Assert.EndsWith(", line 8: expected 8 fields, found 7", error.Message);
    }

    [Fact]
    public void Crlf_files_count_a_crlf_as_one_line_break()
    {
        var error = CsvError($"{Header}\r\n\"one\r\ntwo\r\nthree\",{Good}\r\n,1,,3,a,1,0.5,0.1\r\n");

        Assert.EndsWith(", line 5, column 'x2': no value, and an input cannot be missing", error.Message);
    }

    [Fact]
    public void A_lone_carriage_return_is_one_line_break()
    {
        var error = CsvError($"{Header}\r\"one\rtwo\",{Good}\r,1,two,3,a,1,0.5,0.1\r");

        Assert.EndsWith(", line 4, column 'x2': 'two' is not a number", error.Message);
    }

    [Fact]
    public void A_header_name_that_spans_lines_moves_the_rows_after_it()
    {
        var error = CsvError($"\"the\nnote\",x1,x2,x3,species,flag,len,wid\n,1,two,3,a,1,0.5,0.1\n");

        Assert.EndsWith(", line 3, column 'x2': 'two' is not a number", error.Message);
    }

    [Fact]
    public void A_class_error_found_after_reading_names_the_physical_line()
    {
        var columns = new TableModel.Columns { Features = InputColumns.Prefix("x"), Species = TargetColumn.Of("species").WithClasses("a", "b", "c"), Flag = "flag", Size = TargetColumn.Of("len", "wid") };

        var error = CsvError($"{Header}\n\"one\ntwo\nthree\",{Good}\n,1,2,3,d,1,0.5,0.1\n", columns);

        Assert.EndsWith(", line 5, column 'species': 'd' is not one of the classes of 'Species' (a, b, c)", error.Message);
    }

    [Fact]
    public void A_streamed_row_in_a_later_chunk_names_its_line()
    {
        using var files = new DataFiles();
        var goodRows = string.Concat(Enumerable.Repeat($",{Good}\n", 5000));
        var preparation = TableFile.Csv(files.Write("train.csv", $"{Header}\n{goodRows}")).FitPreparation(TableModel.ColumnsOfTable);
        var file = TableFile.Csv(files.Write("notes.csv", $"{Header}\n\"one\ntwo\nthree\",{Good}\n{goodRows},1,2,3,a,1,0.5,wide\n"));

        // Lines: 1 header, 2-4 the first row, 5-5004 the good rows, 5005 the bad one, in the file's second chunk.
        var error = Assert.Throws<DataFileException>(() => file.Stream(TableModel.ColumnsOfTable, preparation, batchSize: 64, prefetch: 2).ToArray());

        Assert.EndsWith(", line 5005, column 'wid': 'wide' is not a number", error.Message);
    }

    [Fact]
    public void A_gzip_compressed_tsv_counts_the_lines_of_its_fields()
    {
        using var files = new DataFiles();
        var tsv = $"{Header}\n\"one\r\ntwo\nthree\"\t{Good}\n\t1\ttwo\t3\ta\t1\t0.5\t0.1\n".Replace(',', '\t');

        var error = ReadError(TableFile.Tsv(files.WriteGzip("notes.tsv.gz", tsv)));

        Assert.EndsWith(", line 5, column 'x2': 'two' is not a number", error.Message);
    }
}
