using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace MultiTask.PackageTests;

/// <summary>What dotnet pack puts in each package: the metadata, the generator in analyzers, the TorchSharp dependency.</summary>
[Collection(PackedPackagesCollection.Name)]
public class PackageContentTests(PackedPackages packages)
{
    [Theory]
    [InlineData("MultiTask")]
    [InlineData("MultiTask.Abstractions")]
    [InlineData("MultiTask.Terminal")]
    [InlineData("MultiTask.Plotting")]
    [InlineData("MultiTask.Data")]
    public void Every_package_has_the_run_s_version_authors_license_readme_and_repository(string id)
    {
        var package = packages.Get(id);

        Assert.Equal(packages.Version, package.Version);
        Assert.EndsWith("-" + packages.VersionSuffix, package.Version);
        Assert.False(string.IsNullOrWhiteSpace(package.Value("authors")));
        Assert.False(string.IsNullOrWhiteSpace(package.Value("description")));
        Assert.Equal("expression", (string?)package.Element("license").Attribute("type"));
        Assert.Equal("MIT", package.Value("license"));
        Assert.Equal("README.md", package.Value("readme"));
        Assert.Contains("README.md", package.Entries);
        var repository = package.Element("repository");
        Assert.Equal("git", (string?)repository.Attribute("type"));
        Assert.Matches(new Regex("^[0-9a-f]{40}$"), (string?)repository.Attribute("commit"));
    }

    [Fact]
    public void MultiTask_holds_the_runtime_and_the_generator_and_code_fixes_in_analyzers_dotnet_cs()
    {
        var package = packages.Get("MultiTask");

        Assert.Equal(
            ["analyzers/dotnet/cs/MultiTask.CodeFixes.dll", "analyzers/dotnet/cs/MultiTask.Generators.dll", "lib/net10.0/MultiTask.dll"],
            package.Entries.Where(e => e.EndsWith(".dll")).Order());
        Assert.Contains("lib/net10.0/MultiTask.xml", package.Entries);
    }

    [Fact]
    public void MultiTask_depends_on_the_attributes_package_and_TorchSharp_cpu_and_on_no_generator_package()
    {
        var dependencies = packages.Get("MultiTask").Dependencies;

        Assert.Contains("TorchSharp-cpu", dependencies.Keys);
        Assert.DoesNotContain(dependencies.Keys, id => id.StartsWith("MultiTask.Generators") || id.StartsWith("MultiTask.CodeFixes"));
        Assert.Equal(packages.Version, (string?)dependencies["MultiTask.Abstractions"].Attribute("version"));
        Assert.StartsWith("0.107.", (string?)dependencies["TorchSharp-cpu"].Attribute("version"));
    }

    [Theory]
    [InlineData("MultiTask.Terminal")]
    [InlineData("MultiTask.Plotting")]
    [InlineData("MultiTask.Data")]
    public void Companion_packages_bring_MultiTask_of_the_same_version_with_its_analyzers(string id)
    {
        var multiTask = packages.Get(id).Dependencies["MultiTask"];

        Assert.Equal(packages.Version, (string?)multiTask.Attribute("version"));
        // The default exclude="Build,Analyzers" would leave a user who references only this package without the generator.
        Assert.DoesNotContain("Analyzers", (string?)multiTask.Attribute("exclude") ?? "");
    }
}
