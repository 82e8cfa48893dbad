using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace MultiTask.Generators.Tests.Infrastructure
{
    /// <summary>An expected diagnostic: its ID and full message; its span is the i-th <c>[|...|]</c> marker of the source.</summary>
    internal sealed record Expected(string Id, string Message);

    /// <summary>Asserts the complete list of generator diagnostics: any diagnostic the test does not expect fails it.</summary>
    internal static class DiagnosticAssert
    {
        /// <summary>
        /// Runs the generator on <paramref name="markedSource"/> (spans marked <c>[|...|]</c>, one per expected diagnostic, in
        /// source order) and asserts exactly <paramref name="expected"/>: IDs, messages and spans. Also asserts that the
        /// generator did not throw and, when an error is expected, generated only the throwing partial properties.
        /// </summary>
        public static GeneratorRun Reports(string markedSource, params Expected[] expected)
        {
            (string source, List<TextSpan> spans) = ParseMarkers(markedSource);
            Assert.True(spans.Count == expected.Length, $"The source has {spans.Count} [|...|] markers for {expected.Length} expected diagnostics.");

            GeneratorRun run = GeneratorHarness.Run(source);
            Assert.Null(run.Result.Exception);

            Diagnostic[] actual = run.GeneratorDiagnostics.OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal).ToArray();
            (Expected Diagnostic, TextSpan Span)[] wanted = expected.Zip(spans, (d, s) => (d, s)).OrderBy(e => e.s.Start).ThenBy(e => e.d.Id, StringComparer.Ordinal).ToArray();

            Assert.True(actual.Length == wanted.Length, $"Expected {wanted.Length} diagnostics, got {actual.Length}:\n{Describe(actual, source)}");
            for (int i = 0; i < actual.Length; i++)
            {
                Diagnostic diagnostic = actual[i];
                Assert.Equal(wanted[i].Diagnostic.Id, diagnostic.Id);
                Assert.Equal(wanted[i].Diagnostic.Message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
                Assert.True(diagnostic.Location.IsInSource, $"{diagnostic.Id} has no source location");
                Assert.Equal(LocationKind.SourceFile, diagnostic.Location.Kind);
                Assert.Equal(source.Substring(wanted[i].Span.Start, wanted[i].Span.Length), source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
                Assert.Equal(wanted[i].Span, diagnostic.Location.SourceSpan);
                Assert.Equal("MultiTask", diagnostic.Descriptor.Category);
                Assert.Equal($"https://github.com/multitask-dsl/multitask/blob/main/docs/diagnostics/{diagnostic.Id}.md", diagnostic.Descriptor.HelpLinkUri);
            }

            if (actual.Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                // Of a model with errors only its partial properties are generated, with bodies that throw (no CS9248 for them).
                Assert.All(run.Result.GeneratedSources, s => Assert.Contains("has declaration errors", s.SourceText.ToString(), StringComparison.Ordinal));
            }

            return run;
        }

        private static string Describe(IEnumerable<Diagnostic> diagnostics, string source)
        {
            var builder = new StringBuilder();
            foreach (Diagnostic d in diagnostics)
            {
                TextSpan span = d.Location.SourceSpan;
                builder.Append("  ").Append(d.Id).Append(" at '").Append(source.Substring(span.Start, span.Length)).Append("': ")
                    .Append(d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
            }

            return builder.ToString();
        }

        private static (string Source, List<TextSpan> Spans) ParseMarkers(string marked)
        {
            var builder = new StringBuilder();
            var spans = new List<TextSpan>();
            var open = new Stack<int>();
            for (int i = 0; i < marked.Length; i++)
            {
                if (string.CompareOrdinal(marked, i, "[|", 0, 2) == 0)
                {
                    open.Push(builder.Length);
                    i++;
                }
                else if (string.CompareOrdinal(marked, i, "|]", 0, 2) == 0)
                {
                    int start = open.Pop();
                    spans.Add(TextSpan.FromBounds(start, builder.Length));
                    i++;
                }
                else
                {
                    builder.Append(marked[i]);
                }
            }

            Assert.Empty(open);
            return (builder.ToString(), spans.OrderBy(s => s.Start).ToList());
        }
    }
}
