using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using Xunit;

namespace MultiTask.IntegrationTests;

/// <summary>
/// Ten epochs in one go against five, a checkpoint, and five more resumed in a fresh process (tests/MultiTask.ResumeRunner):
/// for Adam, AdamW and SGD, with static weights, uncertainty weighting and PCGrad, shuffling, dropout and a per-step schedule.
/// </summary>
public sealed class ResumeTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("multitask-resume-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Ten_epochs_in_one_go_equal_five_then_a_checkpoint_resumed_in_a_fresh_process_bit_for_bit()
    {
        RunRunner("train");
        RunRunner("resume");

        var cases = Directory.GetDirectories(folder).Select(d => Path.GetFileName(d)).Order().ToArray();
        Assert.Equal(
            ["pcgrad-Adam", "pcgrad-AdamW", "pcgrad-Sgd", "static-Adam", "static-AdamW", "static-Sgd", "uncertainty-Adam", "uncertainty-AdamW", "uncertainty-Sgd"],
            cases);
        foreach (var name in cases)
        {
            string File(string run) => Path.Combine(folder, name, run);
            var straight = System.IO.File.ReadAllLines(File("straight.txt"));
            Assert.Equal(Enumerable.Range(1, 10), straight.Select(line => int.Parse(line.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Equal(straight[..5], System.IO.File.ReadAllLines(File("first.txt")));
            Assert.NotEqual(System.IO.File.ReadAllBytes(File("first.mtl")), System.IO.File.ReadAllBytes(File("straight.mtl")));
            foreach (var resumed in new[] { "resumed", "resumed-mid-run" })
            {
                Assert.True(straight.SequenceEqual(System.IO.File.ReadAllLines(File(resumed + ".txt"))), $"{name}: the history of '{resumed}' differs from the run in one go.");
                Assert.True(System.IO.File.ReadAllBytes(File("straight.mtl")).SequenceEqual(System.IO.File.ReadAllBytes(File(resumed + ".mtl"))), $"{name}: the weights of '{resumed}' differ from the run in one go.");
            }
        }
    }

    private void RunRunner(string mode)
    {
        var runner = typeof(ResumeTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ResumeRunner").Value!;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            ArgumentList = { runner, mode, folder },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["OMP_NUM_THREADS"] = "1" },
        };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        // A guard against a hung child, not a time limit of the test.
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(10)), $"The resume runner ({mode}) did not finish.");
        Assert.True(process.ExitCode == 0, $"The resume runner ({mode}) exited with {process.ExitCode}: {output}{error.Result}");
    }
}
