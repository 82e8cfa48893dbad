using Xunit;

namespace MultiTask.PackageTests;

/// <summary>One pack for every test class that reads the packages.</summary>
[CollectionDefinition(Name)]
public sealed class PackedPackagesCollection : ICollectionFixture<PackedPackages>
{
    public const string Name = "Packed packages";
}
