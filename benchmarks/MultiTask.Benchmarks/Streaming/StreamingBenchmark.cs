using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using MultiTask.Data;

namespace MultiTask.Benchmarks.Streaming;

/// <summary>
/// Data streaming (docs/performance.md, "Reading data"): one epoch streamed from a generated CSV file far larger than the
/// memory it may use, with its peak resident memory; then epochs from a file that fits in memory, streamed against the
/// same rows held as in-memory batches, interleaved.
/// </summary>
internal static class StreamingBenchmark
{
    private const int BatchSize = 4096;
    private const int ShuffleBuffer = 32_768;

    public static int Run(string folder, long largeMegabytes, long smallMegabytes, int rounds)
    {
        Directory.CreateDirectory(folder);
        var large = Path.Combine(folder, $"stream-{largeMegabytes}mb.csv");
        var small = Path.Combine(folder, $"stream-{smallMegabytes}mb.csv");
        try
        {
            LargeFile(large, largeMegabytes);
            SmallFile(small, smallMegabytes, rounds);
        }
        finally
        {
            File.Delete(large);
            File.Delete(small);
        }

        return 0;
    }

    private static void LargeFile(string path, long megabytes)
    {
        var clock = Stopwatch.StartNew();
        var rows = GeneratedCsv.Write(path, megabytes, seed: 1);
        Console.WriteLine($"- wrote {path}: {new FileInfo(path).Length / (1024.0 * 1024):F0} MB, {rows:N0} rows, in {clock.Elapsed.TotalSeconds:F0} s");
        GC.Collect();
        ProcessMemory.ResetPeak();
        var before = ProcessMemory.ResidentMegabytes();

        var file = TableFile.Csv(path);
        clock.Restart();
        var preparation = file.FitPreparation(GeneratedCsv.Columns);
        var fitSeconds = clock.Elapsed.TotalSeconds;
        TorchSharp.torch.manual_seed(1);
        using var model = new StreamModel();
        var trainer = model.CreateTrainer(new StreamModel.TrainingOptions { Epochs = 1 });
        clock.Restart();
        var history = trainer.Fit(file.Stream(GeneratedCsv.Columns, preparation, BatchSize, ShuffleBuffer, seed: 1));
        var epochSeconds = clock.Elapsed.TotalSeconds;

        Console.WriteLine($"- resident memory: {before:F0} MB before, peak {ProcessMemory.PeakResidentMegabytes():F0} MB over the preparation pass and the epoch");
        Console.WriteLine($"- preparation pass (standardizer, class names): {fitSeconds:F1} s, {rows / fitSeconds:N0} rows/s");
        Console.WriteLine($"- streamed epoch (batch {BatchSize}, shuffle buffer {ShuffleBuffer:N0} rows): {epochSeconds:F1} s, {rows / epochSeconds:N0} rows/s; {history[0].Train.Largest.Count:N0} rows trained, loss {history[0].Train.Loss:F3}");
        Console.WriteLine();
    }

    private static void SmallFile(string path, long megabytes, int rounds)
    {
        var rows = GeneratedCsv.Write(path, megabytes, seed: 2);
        var file = TableFile.Csv(path);
        var inMemory = file.Read(GeneratedCsv.Columns);
        var preparation = inMemory.FitPreparation();
        Console.WriteLine($"- {megabytes} MB file, {rows:N0} rows; {rounds} rounds, each an epoch streamed then an epoch of in-memory batches (batch {BatchSize}, shuffled)");
        var ratios = new double[rounds];
        for (var round = 0; round <= rounds; round++)
        {
            var streamed = Epoch(() => file.Stream(GeneratedCsv.Columns, preparation, BatchSize, ShuffleBuffer, seed: round));
            var memory = Epoch(() => inMemory.Batches(preparation, BatchSize, shuffle: true, seed: round));
            if (round > 0)
            {
                // Round 0 warms up the JIT and the file cache.
                ratios[round - 1] = streamed / memory;
                Console.WriteLine($"  round {round}: streamed {streamed:F2} s ({rows / streamed:N0} rows/s), in memory {memory:F2} s ({rows / memory:N0} rows/s), ratio {streamed / memory:F2}");
            }
        }

        Array.Sort(ratios);
        Console.WriteLine($"- median ratio streamed / in memory: {ratios[rounds / 2]:F2}");
        Console.WriteLine();
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
