using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using MultiTask.Generators.Diagnostics;
using MultiTask.Generators.Tests.Infrastructure;
using Xunit;

namespace MultiTask.Generators.Tests
{
    /// <summary>Every descriptor of the catalogue has a release-tracking entry, a documentation page and a test.</summary>
    public sealed class CatalogueTests
    {
        private static readonly string Repository = Path.GetFullPath(Path.Combine(Snapshot.Directory, "..", "..", ".."));

        public static TheoryData<string> Ids { get; } = new(Descriptors().Select(d => d.Id));

        [Fact]
        public void Ids_are_unique_and_well_formed()
        {
            // Not sequential: ranges of IDs are handed out to parallel lines of work, so gaps between them are expected.
            string[] ids = Descriptors().Select(d => d.Id).ToArray();
            Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
            Assert.All(ids, id => Assert.Matches("^MTL[0-9]{4}$", id));
        }

        [Theory]
        [MemberData(nameof(Ids))]
        public void Descriptor_is_released_documented_and_tested(string id)
        {
            DiagnosticDescriptor descriptor = Descriptors().Single(d => d.Id == id);
            Assert.Equal("MultiTask", descriptor.Category);
            Assert.True(descriptor.IsEnabledByDefault);
            Assert.Equal($"https://github.com/multitask-dsl/multitask/blob/main/docs/diagnostics/{id}.md", descriptor.HelpLinkUri);

            string releases = File.ReadAllText(Path.Combine(Repository, "generators", "MultiTask.Generators", "AnalyzerReleases.Unshipped.md"));
            Assert.Contains($"{id} | MultiTask | {descriptor.DefaultSeverity} | {descriptor.Title}", releases, StringComparison.Ordinal);

            string page = Path.Combine(Repository, "docs", "diagnostics", id + ".md");
            Assert.True(File.Exists(page), $"Missing {page}");
            string text = File.ReadAllText(page);
            Assert.StartsWith($"# {id}: {descriptor.Title}", text, StringComparison.Ordinal);
            Assert.Contains("## Wrong", text, StringComparison.Ordinal);
            Assert.Contains("## Right", text, StringComparison.Ordinal);

            // DiagnosticTests.cs, and the files of one architecture's diagnostics (EsmmDiagnosticTests.cs, ...).
            string tests = string.Concat(Directory.GetFiles(Path.Combine(Repository, "tests", "MultiTask.Generators.Tests"), "*DiagnosticTests.cs").Select(File.ReadAllText));
            Assert.Contains($"new Expected(\"{id}\"", tests, StringComparison.Ordinal);
        }

        private static DiagnosticDescriptor[] Descriptors()
            => typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
                .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
                .ToArray();
    }
}
