using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using MultiTask.Data;

namespace MultiTask.Benchmarks.Streaming;

/// <summary>
/// Data streaming (docs/performance.md, "Reading data"): one epoch streamed from a generated CSV file far larger than the
/// memory it may use, with its peak resident memory, and the same from a Parquet file (in row groups); then
/// epochs from a file that fits in memory, streamed against the same rows held as in-memory batches, and a cached stream's
/// first and later epochs, interleaved.
/// </summary>
internal static class StreamingBenchmark
{
    private const int BatchSize = 4096;
    private const int ShuffleBuffer = 32_768;
    private const long CacheBudgetBytes = 256L << 20;
    private const int ParquetGroupRows = 65_536;

    public static int Run(string folder, long largeMegabytes, long parquetRows, long smallMegabytes, int rounds)
    {
        Directory.CreateDirectory(folder);
        var large = Path.Combine(folder, $"stream-{largeMegabytes}mb.csv");
        var small = Path.Combine(folder, $"stream-{smallMegabytes}mb.csv");
        var parquet = Path.Combine(folder, "stream.parquet");
        try
        {
            // The Parquet file first, so that its peak memory is measured from the process's start as the CSV file's is without it.
            if (parquetRows > 0)
            {
                LargeParquetFile(parquet, parquetRows);
                File.Delete(parquet);
            }

            if (largeMegabytes > 0)
            {
                LargeCsvFile(large, largeMegabytes);
                File.Delete(large);
            }

            if (smallMegabytes > 0)
            {
                SmallFile(small, smallMegabytes, rounds);
            }
        }
        finally
        {
            File.Delete(large);
            File.Delete(parquet);
            File.Delete(small);
        }

        return 0;
    }

    private static void LargeCsvFile(string path, long megabytes)
    {
        var clock = Stopwatch.StartNew();
        var rows = GeneratedCsv.Write(path, megabytes, seed: 1);
        Console.WriteLine($"- wrote {path}: {new FileInfo(path).Length / (1024.0 * 1024):F0} MB, {rows:N0} rows, in {clock.Elapsed.TotalSeconds:F0} s");
        Measure(TableFile.Csv(path), rows);
    }

    private static void LargeParquetFile(string path, long rows)
    {
        var clock = Stopwatch.StartNew();
        GeneratedParquet.Write(path, rows, ParquetGroupRows, seed: 1);
        Console.WriteLine($"- wrote {path}: {new FileInfo(path).Length / (1024.0 * 1024):F0} MB, {rows:N0} rows in row groups of {ParquetGroupRows:N0}, in {clock.Elapsed.TotalSeconds:F0} s");
        Measure(TableFile.Parquet(path), rows);
    }

    /// <summary>The preparation pass, a streamed pass and a streamed training epoch over <paramref name="file"/>: seconds, rows/s, peak resident memory.</summary>
    private static void Measure(TableFile file, long rows)
    {
        var before = Settled();
        var clock = Stopwatch.StartNew();
        var preparation = file.FitPreparation(GeneratedRows.Columns);
        var fitSeconds = clock.Elapsed.TotalSeconds;
        var fitPeak = ProcessMemory.PeakResidentMegabytes();

        Settled();
        clock.Restart();
        long streamed = 0;
        foreach (var batch in Batches(file, preparation))
        {
            streamed += batch;
        }

        var readSeconds = clock.Elapsed.TotalSeconds;
        var readPeak = ProcessMemory.PeakResidentMegabytes();

        TorchSharp.torch.manual_seed(1);
        using var model = new StreamModel();
        var trainer = model.CreateTrainer(new StreamModel.TrainingOptions { Epochs = 1 });
        Settled();
        clock.Restart();
        var history = trainer.Fit(file.Stream(GeneratedRows.Columns, preparation, BatchSize, ShuffleBuffer, seed: 1));
        var epochSeconds = clock.Elapsed.TotalSeconds;
        var epochPeak = ProcessMemory.PeakResidentMegabytes();

        Console.WriteLine($"- resident memory before: {before:F0} MB (the runtime and libtorch loaded)");
        Console.WriteLine($"- preparation pass (standardizer, class names): {fitSeconds:F1} s, {rows / fitSeconds:N0} rows/s; peak {fitPeak:F0} MB");
        Console.WriteLine($"- streamed pass, batches made and dropped (batch {BatchSize}, shuffle buffer {ShuffleBuffer:N0} rows): {readSeconds:F1} s, {streamed / readSeconds:N0} rows/s; peak {readPeak:F0} MB");
        Console.WriteLine($"- streamed training epoch: {epochSeconds:F1} s, {rows / epochSeconds:N0} rows/s; {history[0].Train.Largest.Count:N0} rows trained, loss {history[0].Train.Loss:F3}; peak {epochPeak:F0} MB");
        Console.WriteLine();
    }

    /// <summary>The resident memory after a full collection, with the peak reset to it.</summary>
    private static double Settled()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        ProcessMemory.ResetPeak();
        return ProcessMemory.ResidentMegabytes();
    }

    /// <summary>The rows of every streamed batch, each batch's tensors disposed as a training step's would be.</summary>
    private static System.Collections.Generic.IEnumerable<long> Batches(TableFile file, DataPreparation preparation)
    {
        using var enumerator = file.Stream(GeneratedRows.Columns, preparation, BatchSize, ShuffleBuffer, seed: 1).GetEnumerator();
        while (true)
        {
            using var scope = TorchSharp.torch.NewDisposeScope();
            if (!enumerator.MoveNext())
            {
                yield break;
            }

            yield return enumerator.Current.Input.shape[0];
        }
    }

    private static void SmallFile(string path, long megabytes, int rounds)
    {
        var rows = GeneratedCsv.Write(path, megabytes, seed: 2);
        var file = TableFile.Csv(path);
        var inMemory = file.Read(GeneratedRows.Columns);
        var preparation = inMemory.FitPreparation();
        Console.WriteLine($"- {megabytes} MB file, {rows:N0} rows; {rounds} rounds, each an epoch streamed (parsed ahead on a thread of its own), one streamed without prefetch, two epochs of a new stream with a cache budget of {CacheBudgetBytes >> 20} MB (the first fills the cache, the second reads it), then an epoch of in-memory batches (batch {BatchSize}, shuffled)");
        var ratios = new double[rounds];
        var unprefetchedRatios = new double[rounds];
        var firstCachedRatios = new double[rounds];
        var laterCachedRatios = new double[rounds];
        var firstCachedToReadRatios = new double[rounds];
        for (var round = 0; round <= rounds; round++)
        {
            var streamed = Epoch(() => file.Stream(GeneratedRows.Columns, preparation, BatchSize, ShuffleBuffer, seed: round));
            var unprefetched = Epoch(() => file.Stream(GeneratedRows.Columns, preparation, BatchSize, ShuffleBuffer, seed: round, prefetch: 0));
            var cached = file.Stream(GeneratedRows.Columns, preparation, BatchSize, ShuffleBuffer, seed: round, cacheBudgetBytes: CacheBudgetBytes);
            var firstCached = Epoch(() => cached);
            var laterCached = Epoch(() => cached);
            var memory = Epoch(() => inMemory.Batches(preparation, BatchSize, shuffle: true, seed: round));
            var read = ReadSeconds(file);
            if (round > 0)
            {
                // Round 0 warms up the JIT and the file cache.
                ratios[round - 1] = streamed / memory;
                unprefetchedRatios[round - 1] = unprefetched / memory;
                firstCachedRatios[round - 1] = firstCached / memory;
                laterCachedRatios[round - 1] = laterCached / memory;
                firstCachedToReadRatios[round - 1] = firstCached / (read + memory);
                Console.WriteLine($"  round {round}: streamed {streamed:F2} s ({rows / streamed:N0} rows/s), without prefetch {unprefetched:F2} s, cached first {firstCached:F2} s, later {laterCached:F2} s ({cached.CachedRows:N0} rows cached), in memory {memory:F2} s ({rows / memory:N0} rows/s); ratios {streamed / memory:F2}, {unprefetched / memory:F2} without prefetch, {firstCached / memory:F2} cached first, {laterCached / memory:F2} cached later; reading the file into memory {read:F2} s, so the cached first epoch is {firstCached / (read + memory):F2} of reading and an epoch in memory");
            }
        }

        Console.WriteLine($"- median ratio streamed / in memory: {Median(ratios):F2} ({Median(unprefetchedRatios):F2} without prefetch); cached: first epoch {Median(firstCachedRatios):F2}, later epochs {Median(laterCachedRatios):F2}; cached first epoch / (read into memory + an epoch there): {Median(firstCachedToReadRatios):F2}");
        Console.WriteLine();
    }

    /// <summary>How long <see cref="TableFile.Read"/> takes: what training in memory pays once before its first epoch.</summary>
    private static double ReadSeconds(TableFile file)
    {
        var clock = Stopwatch.StartNew();
        file.Read(GeneratedRows.Columns);
        return clock.Elapsed.TotalSeconds;
    }

    private static double Median(double[] values)
    {
        Array.Sort(values);
        return values[values.Length / 2];
    }

    private static double Epoch(Func<System.Collections.Generic.IEnumerable<StreamModel.Batch>> batches)
    {
        TorchSharp.torch.manual_seed(1);
        using var model = new StreamModel();
        var trainer = model.CreateTrainer(new StreamModel.TrainingOptions { Epochs = 1 });
        var data = batches();
        var clock = Stopwatch.StartNew();
        trainer.Fit(data);
        return clock.Elapsed.TotalSeconds;
    }
}
