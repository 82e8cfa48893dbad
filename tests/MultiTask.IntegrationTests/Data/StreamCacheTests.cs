using System.IO;
using System.Linq;
using MultiTask.Data;
using Xunit;

namespace MultiTask.IntegrationTests.Data;

/// <summary>A stream that keeps its first pass's rows under a budget: the same batches as uncached, its seed, its fallback, its file.</summary>
public sealed class StreamCacheTests
{
    private static readonly TableModel.Columns Columns = TableModel.ColumnsOfTable;

    private static float[][] Pass(StreamedBatches<TableModel.Batch> batches)
        => batches.Select(b => b.Input.data<float>().ToArray()
                .Concat(b.Targets.Size.Labels.data<float>().ToArray())
                .Concat(b.Targets.Species.Labels.data<long>().ToArray().Select(c => (float)c))
                .ToArray())
            .ToArray();

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 2)]
    [InlineData(24, 0)]
    [InlineData(24, 2)]
    public void A_cached_stream_yields_the_same_batches_as_an_uncached_one_on_every_pass(int shuffleBuffer, int prefetch)
    {
        using var files = new DataFiles();
        var file = TableFile.Csv(files.Write("t.csv", PreparationTests.Table(150)));
        var preparation = file.FitPreparation(Columns);
        var uncached = file.Stream(Columns, preparation, batchSize: 7, shuffleBuffer, seed: 4, prefetch);
        var cached = file.Stream(Columns, preparation, batchSize: 7, shuffleBuffer, seed: 4, prefetch, cacheBudgetBytes: 1 << 20);

        Assert.Equal(0, cached.CachedRows);
        var first = Pass(uncached);
        Assert.Equal(22, first.Length);
        Assert.Equal(first, Pass(cached));
        Assert.Equal(150, cached.CachedRows);
        Assert.False(cached.CacheDropped);
        Assert.Equal(Pass(uncached), Pass(cached));
        Assert.Equal(Pass(uncached), Pass(cached));
    }

    [Fact]
    public void A_cached_pass_masks_the_same_missing_labels_as_an_uncached_one()
    {
        using var files = new DataFiles();
        var lines = PreparationTests.Table(120).Split('\n');
        for (var r = 1; r < lines.Length - 1; r += 5)
        {
            var cells = lines[r].Split(',');
            cells[3] = r % 2 == 0 ? "" : cells[3]; // species
            cells[4] = ""; // flag
            lines[r] = string.Join(',', cells);
        }

        var file = TableFile.Csv(files.Write("t.csv", string.Join('\n', lines)));
        var preparation = file.FitPreparation(Columns);
        var uncached = file.Stream(Columns, preparation, batchSize: 16, shuffleBuffer: 30, seed: 6);
        var cached = file.Stream(Columns, preparation, batchSize: 16, shuffleBuffer: 30, seed: 6, cacheBudgetBytes: 1 << 20);

        static bool[][] Present(StreamedBatches<TableModel.Batch> batches, System.Func<TableModel.Batch, TaskTarget> task)
            => batches.Select(b => task(b) is { Mask: { } mask } ? mask.data<bool>().ToArray() : Enumerable.Repeat(true, (int)b.Input.shape[0]).ToArray()).ToArray();

        Assert.Equal(Pass(uncached), Pass(cached));
        Assert.Equal(120, cached.CachedRows);
        var flags = Present(uncached, b => b.Targets.Flag);
        Assert.Equal(24, flags.Sum(b => b.Count(p => !p)));
        Assert.Equal(flags, Present(cached, b => b.Targets.Flag));
        Assert.Equal(Present(uncached, b => b.Targets.Species), Present(cached, b => b.Targets.Species));
        Assert.Equal(Present(uncached, b => b.Targets.Size), Present(cached, b => b.Targets.Size));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void A_model_trains_on_a_cached_stream_as_on_an_uncached_one(int prefetch)
    {
        // With prefetch 0 the cache's tensors are made inside the trainer's step scope, which must not dispose them.
        using var files = new DataFiles();
        var file = TableFile.Csv(files.Write("t.csv", PreparationTests.Table(64)));
        var preparation = file.FitPreparation(Columns);
        double[] Losses(long cacheBudgetBytes)
        {
            TorchSharp.torch.manual_seed(3);
            using var model = new TableModel();
            var batches = file.Stream(Columns, preparation, batchSize: 16, shuffleBuffer: 32, seed: 1, prefetch, cacheBudgetBytes);
            var history = model.CreateTrainer(new TableModel.TrainingOptions { Epochs = 3 }).Fit(batches);
            Assert.Equal(cacheBudgetBytes > 0 ? 64 : 0, batches.CachedRows);
            Assert.Equal(64, history[2].Train.Species.Count);
            return history.Select(e => e.Train.Loss).ToArray();
        }

        Assert.Equal(Losses(0), Losses(1 << 20));
    }

    [Fact]
    public void Cached_passes_are_reshuffled_from_the_seed()
    {
        using var files = new DataFiles();
        var file = TableFile.Csv(files.Write("t.csv", PreparationTests.Table(150)));
        var preparation = file.FitPreparation(Columns);
        StreamedBatches<TableModel.Batch> Cached(int seed) => file.Stream(Columns, preparation, batchSize: 10, shuffleBuffer: 32, seed, cacheBudgetBytes: 1 << 20);

        var one = Cached(seed: 3);
        var again = Cached(seed: 3);
        var other = Cached(seed: 8);
        var passes = Enumerable.Range(0, 3).Select(_ => Pass(one)).ToArray();

        Assert.Equal(passes, Enumerable.Range(0, 3).Select(_ => Pass(again)).ToArray());
        Assert.NotEqual(passes[1], passes[2]);
        Assert.NotEqual(passes[0], Pass(other));
    }

    [Fact]
    public void Rows_over_the_budget_are_dropped_and_every_pass_reads_the_file_as_uncached()
    {
        using var files = new DataFiles();
        var path = files.Write("t.csv", PreparationTests.Table(5000)); // chunks of 4,096 and 904 rows
        var file = TableFile.Csv(path);
        var preparation = file.FitPreparation(Columns);
        var uncached = file.Stream(Columns, preparation, batchSize: 100, shuffleBuffer: 300, seed: 2);
        var cached = file.Stream(Columns, preparation, batchSize: 100, shuffleBuffer: 300, seed: 2, cacheBudgetBytes: 150_000);

        Assert.Equal(Pass(uncached), Pass(cached));
        Assert.True(cached.CacheDropped);
        Assert.Equal(0, cached.CachedRows);
        Assert.Equal(Pass(uncached), Pass(cached));

        File.Delete(path);
        Assert.Equal($"{path}: no such file", Assert.Throws<DataFileException>(() => Pass(cached)).Message);
    }

    [Fact]
    public void After_the_first_whole_pass_the_file_is_closed_and_never_read_again()
    {
        using var files = new DataFiles();
        var path = files.Write("t.csv", PreparationTests.Table(5000));
        var file = TableFile.Csv(path);
        var preparation = file.FitPreparation(Columns);
        var uncached = file.Stream(Columns, preparation, batchSize: 100, shuffleBuffer: 300, seed: 2);
        var cached = file.Stream(Columns, preparation, batchSize: 100, shuffleBuffer: 300, seed: 2, cacheBudgetBytes: 1 << 20);

        TakeOne(uncached);
        TakeOne(cached);
        Assert.Equal(0, cached.CachedRows); // a pass stopped early keeps nothing
        Assert.Equal(Pass(uncached), Pass(cached));
        Assert.Equal(5000, cached.CachedRows);
        Assert.Equal(0, PrefetchTests.OpenDescriptors(path));

        TakeOne(uncached);
        using (var batches = cached.GetEnumerator())
        {
            Assert.True(batches.MoveNext());
            Assert.Equal(0, PrefetchTests.OpenDescriptors(path));
        }

        var expected = Pass(uncached);
        File.Delete(path);
        Assert.Equal(expected, Pass(cached));
    }

    private static void TakeOne(StreamedBatches<TableModel.Batch> batches)
    {
        using var enumerator = batches.GetEnumerator();
        Assert.True(enumerator.MoveNext());
    }
}
