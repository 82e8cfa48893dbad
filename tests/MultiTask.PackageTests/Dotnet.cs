using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;

namespace MultiTask.PackageTests;

/// <summary>Runs the dotnet CLI as a user would, and fails with the command's whole output when it fails.</summary>
internal static class Dotnet
{
    // A hung restore or build fails the test instead of the whole run; far above what a run takes on a busy machine.
    private static readonly TimeSpan Hang = TimeSpan.FromMinutes(10);

    public static string Run(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // The test host runs under dotnet test's MSBuild: its MSBuild variables would point the child at that build.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";  // no build nodes left running after the test
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(Hang))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} did not finish in {Hang}:\n{output}");
        }
        process.WaitForExit();  // drains the redirected output
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} exited with {process.ExitCode} in {workingDirectory}:\n{output}");
        return output.ToString();
    }
}
