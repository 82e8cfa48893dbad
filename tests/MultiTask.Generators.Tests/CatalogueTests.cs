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

        /// <summary>
        /// IDs are given out in blocks (docs/diagnostics/README.md, "IDs"): unique, four digits, and MTL0001 to the end of the first
        /// block without a gap.
        /// </summary>
        [Fact]
        public void Ids_are_unique_well_formed_and_the_first_block_sequential()
        {
            string[] ids = Descriptors().Select(d => d.Id).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
            Assert.All(ids, id => Assert.Matches("^MTL[0-9]{4}$", id));
            Assert.Equal(Enumerable.Range(1, 30).Select(i => $"MTL{i:0000}"), ids.Take(30));
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

            string tests = File.ReadAllText(Path.Combine(Repository, "tests", "MultiTask.Generators.Tests", "DiagnosticTests.cs"));
            Assert.Contains($"new Expected(\"{id}\"", tests, StringComparison.Ordinal);
        }

        private static DiagnosticDescriptor[] Descriptors()
            => typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
                .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
                .ToArray();
    }
}
