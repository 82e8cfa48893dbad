using System.IO;
using System.Linq;
using MultiTask.Data;
using Xunit;

namespace MultiTask.IntegrationTests.Data;

/// <summary>A stream parsed ahead on a thread of its own: the same batches, its errors, and its file closed when the consumer stops.</summary>
public sealed class PrefetchTests
{
    private static readonly TableModel.Columns Columns = TableModel.ColumnsOfTable;

    [Theory]
    [InlineData(0)]
    [InlineData(24)]
    public void A_prefetched_stream_yields_the_same_batches_as_one_parsed_on_the_callers_thread(int shuffleBuffer)
    {
        using var files = new DataFiles();
        var file = TableFile.Csv(files.Write("t.csv", PreparationTests.Table(150)));
        var preparation = file.FitPreparation(Columns);

        float[][] Pass(int prefetch) => file.Stream(Columns, preparation, batchSize: 7, shuffleBuffer, seed: 4, prefetch)
            .Select(b => b.Input.data<float>().ToArray().Concat(b.Targets.Size.Labels.data<float>().ToArray()).ToArray())
            .ToArray();

        var onCaller = Pass(prefetch: 0);
        Assert.Equal(22, onCaller.Length);
        Assert.Equal(onCaller, Pass(prefetch: 1));
        Assert.Equal(onCaller, Pass(prefetch: 3));
    }

    [Fact]
    public void An_error_of_the_parsing_thread_reaches_the_consumer_with_its_file_and_line_after_the_batches_before_it()
    {
        using var files = new DataFiles();
        var path = files.Write("t.csv", PreparationTests.Table(5000));
        var preparation = TableFile.Csv(path).FitPreparation(Columns);
        var lines = File.ReadAllLines(path);
        lines[4499] = "4498,two,4,a,0,2249,1124.5"; // line 4500 of the file (the header is line 1), in the second chunk of 4,096 rows
        File.WriteAllLines(path, lines);
        var file = TableFile.Csv(path);

        var taken = 0;
        var error = Assert.Throws<DataFileException>(() =>
        {
            foreach (var batch in file.Stream(Columns, preparation, batchSize: 1000, prefetch: 2))
            {
                taken++;
            }
        });

        Assert.Equal($"{path}, line 4500, column 'x2': 'two' is not a number", error.Message);
        Assert.Equal(4500, error.Line);
        Assert.Equal(4, taken); // the first chunk's 4,000 rows in whole batches
    }

    [Fact]
    public void Stopping_early_stops_the_parsing_thread_and_closes_the_file()
    {
        using var files = new DataFiles();
        var path = files.Write("t.csv", PreparationTests.Table(20_000));
        var file = TableFile.Csv(path);
        var preparation = file.FitPreparation(Columns);

        using (var batches = file.Stream(Columns, preparation, batchSize: 16, prefetch: 2).GetEnumerator())
        {
            Assert.True(batches.MoveNext());
            Assert.True(OpenDescriptors(path) > 0);
        }

        Assert.Equal(0, OpenDescriptors(path));
    }

    /// <summary>This process's file descriptors open on <paramref name="path"/> (Linux).</summary>
    internal static int OpenDescriptors(string path)
    {
        var full = Path.GetFullPath(path);
        return new DirectoryInfo("/proc/self/fd").GetFileSystemInfos()
            .Count(fd => { try { return fd.LinkTarget == full; } catch (IOException) { return false; } });
    }
}
