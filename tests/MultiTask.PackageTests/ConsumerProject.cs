using System;
using System.Collections.Generic;
using System.IO;
using System.Security;

namespace MultiTask.PackageTests;

/// <summary>
/// A copy of Consumer/ in its own temporary folder, set up as a user's project outside this repository: a nuget.config
/// that adds the packed feed to the machine's sources, this repository's SDK (global.json), and empty Directory.Build
/// files so that nothing above the folder joins its build.
/// </summary>
internal sealed class ConsumerProject
{
    private readonly PackedPackages packages;

    private ConsumerProject(PackedPackages packages, string folder)
    {
        this.packages = packages;
        Folder = folder;
    }

    public string Folder { get; }

    public string OutputFolder => Path.Combine(Folder, "bin");

    public static ConsumerProject Create(PackedPackages packages, string name)
    {
        var folder = Path.Combine(packages.Root, name);
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Consumer")))
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        File.Copy(Path.Combine(Repository.Root, "global.json"), Path.Combine(folder, "global.json"));
        File.WriteAllText(Path.Combine(folder, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(folder, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(folder, "nuget.config"), NuGetConfig(packages));
        return new ConsumerProject(packages, folder);
    }

    /// <summary>dotnet <paramref name="command"/> (restore, build, run) with the packages' version; the CLI's output.</summary>
    public string Run(string command, params string[] more)
    {
        var arguments = new List<string> { command, $"--property:MultiTaskVersion={packages.Version}", "--property:UseSharedCompilation=false" };
        arguments.AddRange(more);
        return Dotnet.Run(Folder, new Dictionary<string, string> { ["NUGET_PACKAGES"] = packages.PackagesFolder }, arguments.ToArray());
    }

    // No <clear/>: the machine's own sources (the served registry) stay, for anything the fallback folder lacks.
    private static string NuGetConfig(PackedPackages packages) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <add key="multitask-packed" value="{SecurityElement.Escape(packages.Feed)}" />
          </packageSources>
          <fallbackPackageFolders>
            <add key="machine" value="{SecurityElement.Escape(packages.MachinePackagesFolder)}" />
          </fallbackPackageFolders>
        </configuration>
        """;
}
