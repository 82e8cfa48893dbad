using System;
using System.IO;

namespace MultiTask.PackageTests;

/// <summary>
/// The repository's packages, packed once for the test class (dotnet pack of the solution, from the build the tests ran on)
/// into a temporary folder, with a version of this run's own: nothing a previous run packed can stand in for them, and nothing
/// reaches the machine's NuGet cache: consumers restore into <see cref="PackagesFolder"/>.
/// </summary>
public sealed class PackedPackages : IDisposable
{
    public PackedPackages()
    {
        Root = Directory.CreateTempSubdirectory("multitask-packages-").FullName;
        Feed = Path.Combine(Root, "feed");
        PackagesFolder = Path.Combine(Root, "nuget-packages");
        VersionSuffix = "test" + Guid.NewGuid().ToString("N")[..12];
        Dotnet.Run(Repository.Root, null,
            "pack", Path.Combine(Repository.Root, "Dsl.sln"), "-c", Repository.Configuration, "--no-build", "-o", Feed,
            $"-p:VersionSuffix={VersionSuffix}", $"-p:NuspecOutputPath={Path.Combine(Root, "nuspec")}{Path.DirectorySeparatorChar}");
        Version = Get("MultiTask").Version;
        MachinePackagesFolder = MachineGlobalPackagesFolder();
    }

    /// <summary>The temporary folder holding everything below; deleted at the end.</summary>
    public string Root { get; }

    /// <summary>The local package source: the .nupkg files dotnet pack wrote.</summary>
    public string Feed { get; }

    /// <summary>The consumers' global packages folder (NUGET_PACKAGES), in <see cref="Root"/>.</summary>
    public string PackagesFolder { get; }

    /// <summary>The machine's global packages folder, the consumers' read-only fallback for TorchSharp and the rest.</summary>
    public string MachinePackagesFolder { get; }

    public string VersionSuffix { get; }

    public string Version { get; }

    internal Package Get(string id) => Package.Find(Feed, id);

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }  // a file still held open: the OS temp folder's clean-up takes it
    }

    private static string MachineGlobalPackagesFolder()
    {
        // "global-packages: /root/.nuget/packages/"
        var line = Dotnet.Run(Repository.Root, null, "nuget", "locals", "global-packages", "--list").Trim();
        return line[(line.IndexOf(':') + 1)..].Trim();
    }
}
