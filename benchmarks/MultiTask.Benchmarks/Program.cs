using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using TorchSharp;

namespace MultiTask.Benchmarks;

/// <summary>
/// Generated models against hand-written TorchSharp, interleaved in one process (A B C ... A B C ...), and the memory of
/// long training runs, each variant in its own process. See docs/performance.md.
/// </summary>
internal static class Program
{
    private const string Usage = """
        MultiTask.Benchmarks [options]
          --workload NAME     hps, mmoe, soft, tag, methods, hps2, hps4 or embeddings (default: all eight); or a report:
                              compare (every loss weighting's test MSE on the MMoE paper's synthetic tasks, a markdown table),
                              pareto-toy (trajectories on the CAGrad paper's 2-D toy: a table, and a PNG at --output)
          --output PATH       (pareto-toy) the PNG to write (default: docs/weighting/pareto-toy.png)
          --mode MODE         speed | memory | all (default: all); or streaming: data read from generated CSV files
                              (--file-mb N: the large CSV file, default 2048, 0 to skip it; --parquet-rows N: first, a
                              Parquet file of N rows, default 0: none; --small-mb N: the in-memory comparison's,
                              default 50, 0 to skip it; --folder DIR: where they are written, then deleted; default the temp folder)
          --rounds N          timed rounds per variant in speed mode (default: 10)
          --warmup N          untimed warm-up rounds per variant (default: 2)
          --variants A,B,...  only these variants (speed), or the variants measured (memory)
          --steps N           measured steps of a memory run (default: 2000)
          --memory-warmup N   steps run before a memory run's measured steps, so that the JIT's one-off growth is
                              not counted as growth (default: 500; 0 to measure from a cold start)
          --threads N         torch threads (default: 2)
          --clock wall|cpu    time a speed round by the wall clock (default) or by the process's CPU time, which a busy
                              machine's other processes inflate less (with --threads 1, close to one core's time)
          --variant NAME      (memory, internal) measure one variant in this process
          --alloc-profile     (with --variant) print what the steps allocate on the managed heap, by type
          --trace N           (with --variant) print RSS, peak, .NET committed and live count every N steps to stderr
        Re-run: dotnet run -c Release --project benchmarks/MultiTask.Benchmarks -- --workload hps
        """;

    private static int Main(string[] args)
    {
        var options = Options.Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        torch.set_num_threads(options.Threads);
        if (options.Mode == "streaming")
        {
            return Streaming.StreamingBenchmark.Run(options.Folder ?? Path.GetTempPath(), options.FileMegabytes, options.ParquetRows, options.SmallMegabytes, options.Rounds);
        }

        if (options.Workload == Reports.CompareReport.Name)
        {
            return Reports.CompareReport.Run(options.Variants);
        }

        if (options.Workload == Reports.ParetoToyReport.Name)
        {
            return Reports.ParetoToyReport.Run(options.Variants, options.Output ?? "docs/weighting/pareto-toy.png");
        }

        var workloads = Workloads.All.Where(w => options.Workload is null || w.Name == options.Workload).ToArray();
        if (workloads.Length == 0)
        {
            Console.Error.WriteLine($"Unknown workload '{options.Workload}'. Known: {string.Join(", ", Workloads.All.Select(w => w.Name))}.");
            return 2;
        }

        if (options.Variant is { } single)
        {
            return MeasureMemoryInProcess(workloads[0], single, options);
        }

        PrintHeader(options);
        foreach (var workload in workloads)
        {
            Console.WriteLine($"## {workload.Name}: {workload.Shape}");
            Console.WriteLine();
            if (options.Mode is "speed" or "all")
            {
                RunSpeed(workload, options);
            }

            if (options.Mode is "memory" or "all")
            {
                RunMemory(workload, options);
            }
        }

        Console.WriteLine($"Load average at the end: {LoadAverage()}");
        return 0;
    }

    private static void PrintHeader(Options options)
    {
        Console.WriteLine($"# MultiTask benchmark, {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC");
        Console.WriteLine();
        Console.WriteLine($"- machine: {Environment.ProcessorCount} logical CPUs, {CpuModel()}; {RuntimeInformation.OSDescription}");
        Console.WriteLine($"- runtime: {RuntimeInformation.FrameworkDescription}; TorchSharp {typeof(torch).Assembly.GetName().Version} (libtorch-cpu); torch threads {torch.get_num_threads()}");
        Console.WriteLine($"- load average at the start: {LoadAverage()}");
        Console.WriteLine($"- command: dotnet run -c Release --project benchmarks/MultiTask.Benchmarks -- {string.Join(' ', options.Arguments)}");
        Console.WriteLine();
    }

    private static void RunSpeed(IWorkload workload, Options options)
    {
        var names = options.Variants ?? workload.SpeedVariants;
        var variants = names.Select(workload.Create).ToArray();
        var steps = workload.StepsPerRound;
        var rates = variants.ToDictionary(v => v.Name, _ => new List<double>());
        try
        {
            for (var round = 0; round < options.Warmup + options.Rounds; round++)
            {
                // Rotate the order every round so that no variant always runs first or after the same neighbour.
                for (var k = 0; k < variants.Length; k++)
                {
                    var variant = variants[(k + round) % variants.Length];
                    Settle();
                    var (clock, cpu) = (Stopwatch.StartNew(), Process.GetCurrentProcess().TotalProcessorTime);
                    variant.Run(steps);
                    var seconds = options.CpuClock ? (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds : clock.Elapsed.TotalSeconds;
                    if (round >= options.Warmup)
                    {
                        rates[variant.Name].Add(steps / seconds);
                    }
                }

                Console.Error.WriteLine($"[{workload.Name}] round {round + 1}/{options.Warmup + options.Rounds}" + (round < options.Warmup ? " (warm-up)" : string.Empty)
                    + ": " + string.Join(", ", variants.Select(v => rates[v.Name].Count > 0 && round >= options.Warmup ? $"{v.Name} {rates[v.Name][^1]:F1}" : v.Name)));
            }
        }
        finally
        {
            foreach (var variant in variants)
            {
                variant.Dispose();
            }
        }

        Console.WriteLine($"Speed: {options.Rounds} interleaved rounds of {steps} steps per variant after {options.Warmup} warm-up rounds; steps/s, median [min, max]"
            + (options.CpuClock ? " per second of the process's CPU time (--clock cpu), not of wall-clock time." : "."));
        Console.WriteLine();
        Console.WriteLine("| variant | what runs | steps/s (median) | min | max | ms/step |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: |");
        foreach (var variant in variants)
        {
            var r = rates[variant.Name];
            var median = Median(r);
            Console.WriteLine(FormattableString.Invariant($"| {variant.Name} | {variant.Description} | {median:F1} | {r.Min():F1} | {r.Max():F1} | {1000 / median:F2} |"));
        }

        Console.WriteLine();
        Console.WriteLine("| ratio | meaning | ratio of medians | median of per-round ratios | target |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: |");
        foreach (var c in workload.Comparisons)
        {
            if (!rates.TryGetValue(c.Candidate, out var a) || !rates.TryGetValue(c.Baseline, out var b))
            {
                continue;
            }

            var paired = a.Zip(b, (x, y) => x / y).ToList();
            var target = double.IsNaN(c.Target) ? "-" : FormattableString.Invariant($">= {c.Target:F2}");
            Console.WriteLine(FormattableString.Invariant($"| {c.Candidate} / {c.Baseline} | {c.Meaning} | {Median(a) / Median(b):F3} | {Median(paired):F3} | {target} |"));
        }

        Console.WriteLine();
    }

    private static void RunMemory(IWorkload workload, Options options)
    {
        var names = options.Variants ?? workload.MemoryVariants;
        var rows = new List<string>();
        foreach (var name in names)
        {
            var arguments = new List<string>();
            var host = Environment.ProcessPath ?? "dotnet";
            if (Path.GetFileNameWithoutExtension(host) == "dotnet")
            {
                arguments.Add(typeof(Program).Assembly.Location);
            }

            arguments.AddRange(["--workload", workload.Name, "--variant", name, "--steps", options.Steps.ToString(CultureInfo.InvariantCulture), "--memory-warmup", options.MemoryWarmup.ToString(CultureInfo.InvariantCulture), "--threads", options.Threads.ToString(CultureInfo.InvariantCulture)]);
            var start = new ProcessStartInfo(host, arguments) { RedirectStandardOutput = true, UseShellExecute = false };
            using var child = Process.Start(start) ?? throw new InvalidOperationException("Could not start the memory run.");
            var output = child.StandardOutput.ReadToEnd();
            child.WaitForExit();
            var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("| ", StringComparison.Ordinal));
            rows.Add(line ?? $"| {name} | failed (exit code {child.ExitCode}) | | | | | | | | | | |");
            Console.Error.WriteLine($"[{workload.Name}] memory {name}: {line}");
        }

        Console.WriteLine($"Memory: {options.Steps} steps per variant after {options.MemoryWarmup} warm-up steps, each in its own process; RSS = VmRSS, peak = VmHWM (MB); live = DisposeScopeManager.Statistics.ThreadTotalLiveCount;");
        Console.WriteLine("peak = VmHWM since the warm-up (it includes each step's transient working set); 'after GC' = RSS once a forced collection has run the finalizers after the last step;");
        Console.WriteLine("flat = same live count, RSS and peak each grow by under 5 MB from step 100 to the last.");
        Console.WriteLine();
        var last = options.Steps.ToString(CultureInfo.InvariantCulture);
        Console.WriteLine($"| variant | RSS start | RSS step 100 | RSS step {last} | growth 100 -> {last} | peak 100 -> {last} | after GC | .NET GC committed 100 -> {last} | managed KB allocated per step | live step 100 | live step {last} | flat |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var row in rows)
        {
            Console.WriteLine(row);
        }

        Console.WriteLine();
    }

    private static int MeasureMemoryInProcess(IWorkload workload, string name, Options options)
    {
        var (steps, traceEvery) = (options.Steps, options.TraceEvery);
        using var profiler = options.AllocationProfile ? new AllocationProfiler() : null;
        using var variant = workload.Create(name);
        if (options.MemoryWarmup > 0)
        {
            // Tiered compilation re-JITs the hot methods with dynamic PGO a few hundred steps in, a one-off of about
            // 10 MB of RSS that would otherwise land between the step-100 and the last probe (docs/performance.md).
            variant.Run(options.MemoryWarmup);
        }

        Settle();
        ProcessMemory.ResetPeak();
        var rssStart = ProcessMemory.ResidentMegabytes();
        MemorySnapshot at100 = default, atEnd = default;
        variant.Run(steps, step =>
        {
            if (traceEvery > 0 && step % traceEvery == 0)
            {
                Console.Error.WriteLine($"step {step}: {MemorySnapshot.Take()}");
            }

            if (step == 100)
            {
                profiler?.Recording = true;
                at100 = MemorySnapshot.Take();
            }
            else if (step == steps)
            {
                atEnd = MemorySnapshot.Take();
            }
        });
        if (profiler is not null)
        {
            Settle(); // finalizers run (and are recorded) only after a collection
            profiler.Recording = false;
            profiler.Print();
        }

        Settle();
        var rssCollected = ProcessMemory.ResidentMegabytes();
        var (growth, peakGrowth) = (atEnd.Resident - at100.Resident, atEnd.Peak - at100.Peak);
        var flat = at100.Live == atEnd.Live && growth < 5 && peakGrowth < 5 ? "yes" : "NO";
        Console.WriteLine(FormattableString.Invariant(
            $"| {name} | {rssStart:F1} | {at100.Resident:F1} | {atEnd.Resident:F1} | {growth:+0.0;-0.0} | {at100.Peak:F1} -> {atEnd.Peak:F1} | {rssCollected:F1} | {at100.Committed:F1} -> {atEnd.Committed:F1} | {(atEnd.Allocated - at100.Allocated) / 1024.0 / (steps - 100):F1} | {at100.Live} | {atEnd.Live} | {flat} |"));
        return 0;
    }

    /// <summary>Collects garbage (and runs finalizers) between timed rounds, so that no variant pays for another's garbage.</summary>
    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.OrderBy(v => v).ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string CpuModel()
    {
        if (!File.Exists("/proc/cpuinfo"))
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }

        var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':') + 1)..].Trim();
    }

    private sealed record Options(string[] Arguments, string? Workload, string Mode, int Rounds, int Warmup, IReadOnlyList<string>? Variants, int Steps, int MemoryWarmup, int Threads, string? Variant, bool AllocationProfile, int TraceEvery, bool CpuClock, string? Output, string? Folder = null, long FileMegabytes = 2048, long SmallMegabytes = 50, long ParquetRows = 0)
    {
        public static Options? Parse(string[] args)
        {
            string? workload = null, variant = null, output = null, folder = null;
            long fileMegabytes = 2048, smallMegabytes = 50, parquetRows = 0;
            var (allocationProfile, cpuClock) = (false, false);
            var mode = "all";
            int rounds = 10, warmup = 2, steps = 2000, memoryWarmup = 500, threads = 2, traceEvery = 0;
            IReadOnlyList<string>? variants = null;
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
                switch (args[i])
                {
                    case "--workload": workload = Next(); break;
                    case "--mode": mode = Next(); break;
                    case "--rounds": rounds = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--warmup": warmup = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--variants": variants = Next().Split(',', StringSplitOptions.RemoveEmptyEntries); break;
                    case "--steps": steps = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--memory-warmup": memoryWarmup = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--threads": threads = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--variant": variant = Next(); break;
                    case "--output": output = Next(); break;
                    case "--alloc-profile": allocationProfile = true; break;
                    case "--trace": traceEvery = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--file-mb": fileMegabytes = long.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--small-mb": smallMegabytes = long.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--parquet-rows": parquetRows = long.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--folder": folder = Next(); break;
                    case "--clock": cpuClock = Next() switch { "cpu" => true, "wall" => false, var other => throw new ArgumentException($"--clock is wall or cpu, not {other}.") }; break;
                    default: return null;
                }
            }

            if (mode is not ("speed" or "memory" or "all" or "streaming") || fileMegabytes < 0 || parquetRows < 0 || smallMegabytes < 0 || rounds < 1 || warmup < 0 || steps < 100 || threads < 1 || traceEvery < 0 || memoryWarmup < 0)
            {
                return null;
            }

            return new Options(args, workload, mode, rounds, warmup, variants, steps, memoryWarmup, threads, variant, allocationProfile, traceEvery, cpuClock, output, folder, fileMegabytes, smallMegabytes, parquetRows);
        }
    }
}
