using System;
using System.Diagnostics;
using System.IO;

namespace MultiTask.IntegrationTests;

/// <summary>Runs Debian's /usr/bin/python3 with PyTorch (installed by eng/setup.sh), from the repository's root.</summary>
internal static class Python
{
    private const string Interpreter = "/usr/bin/python3";

    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Runs <paramref name="script"/> (relative to the repository) and returns its standard output; fails with its errors.</summary>
    public static string Run(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(Interpreter) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot, script));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The OpenMP build of OpenBLAS shares torch's thread pool (see eng/setup-pytorch.sh).
        const string openMpBlas = "/usr/lib/x86_64-linux-gnu/openblas-openmp";
        if (Directory.Exists(openMpBlas))
        {
            start.Environment["LD_LIBRARY_PATH"] = openMpBlas;
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{Interpreter} is missing; eng/setup.sh installs Debian's python3-torch.", e);
        }

        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"python3 {script} exited with {process.ExitCode} (eng/setup.sh installs PyTorch):\n{output}\n{error.Result}");
            }

            return output;
        }
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Dsl.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Dsl.sln above {AppContext.BaseDirectory}.");
    }
}
