using System.Linq;
using System.Reflection;

namespace MultiTask.PackageTests;

/// <summary>The checkout and the configuration this test assembly was built from (its projects are packed as built).</summary>
internal static class Repository
{
    public static string Root { get; } = Metadata("RepositoryRoot");

    public static string Configuration { get; } = Metadata("Configuration");

    private static string Metadata(string key) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
