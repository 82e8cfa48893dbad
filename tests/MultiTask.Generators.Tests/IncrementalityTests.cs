using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using MultiTask.Generators.Tests.Infrastructure;
using Xunit;

namespace MultiTask.Generators.Tests
{
    /// <summary>The pipeline caches: unchanged input and unrelated edits regenerate nothing; no step output holds compiler objects.</summary>
    public sealed class IncrementalityTests
    {
        private static readonly string[] TrackedSteps = [TrackingNames.Results, TrackingNames.Models, TrackingNames.Diagnostics, TrackingNames.ComponentsOutsideModels];

        /// <summary>A model with a warning (one task), so that the diagnostics step has an output too.</summary>
        private const string WarnedModel = """
            using MultiTask;

            namespace Samples;

            [MultiTaskModel(InputSize = 4)]
            public partial class SingleTaskModel
            {
                [BinaryHead]
                public partial Head Flag { get; }
            }
            """;

        /// <summary>A head outside a model (MTL0017), for the step that finds those.</summary>
        private const string Orphan = """
            using MultiTask;

            namespace Samples;

            public partial class NotAModel
            {
                [BinaryHead]
                public partial Head Flag { get; }
            }
            """;

        /// <summary>A model with a loss weighting of the user's own and a setting (the method is <see cref="ScaledMethod"/>).</summary>
        private const string WeightedModel = """
            using MultiTask;

            namespace Samples;

            [MultiTaskModel(InputSize = 4)]
            [Scaled(Alpha = 1.5)]
            public partial class WeightedModel
            {
                [SharedTrunk(8)]
                public partial Trunk Body { get; }

                [BinaryHead]
                public partial Head Flag { get; }

                [RegressionHead]
                public partial Head Value { get; }
            }
            """;

        private const string ScaledMethod = """
            using System.Collections.Generic;
            using MultiTask;
            using TorchSharp;

            namespace Samples;

            [WeightingMethod("Samples.Scaled", Requires = WeightingRequirements.SharedParameters)]
            public sealed class ScaledAttribute : LossWeightingAttribute
            {
                public double Alpha { get; set; }
            }

            public sealed class Scaled(IReadOnlyList<TaskDefinition> tasks) : LossWeighting(nameof(Scaled), tasks)
            {
                public double Alpha { get; init; }

                public override torch.Tensor Backward(TaskStep step, TaskGradients gradients) => step.Total;
            }
            """;

        private const string Unrelated = """
            namespace Samples;

            public static class Helper
            {
                public static int Twice(int x) => 2 * x;
            }
            """;

        [Fact]
        public void Second_run_on_a_cloned_compilation_is_all_cached()
        {
            CSharpCompilation compilation = GeneratorHarness.CreateCompilation(SnapshotCases.DigitModel, SnapshotCases.HousingModel, WarnedModel, Orphan, Unrelated);
            GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
            GeneratorRunResult first = driver.GetRunResult().Results.Single();
            Assert.Equal(4, first.GeneratedSources.Length); // Three models and the orphan head's throwing implementation.
            Assert.Equal(["MTL0017", "MTL0018"], first.Diagnostics.Select(d => d.Id).Order(StringComparer.Ordinal));
            foreach (string step in TrackedSteps)
            {
                Assert.NotEmpty(Outputs(first, step));
            }

            driver = driver.RunGenerators(compilation.Clone());
            GeneratorRunResult second = driver.GetRunResult().Results.Single();

            // Our steps are exactly these, and every one of them is cached. (Roslyn's own
            // compilationAndGroupedNodes_ForAttributeWithMetadataName step pairs the nodes with the new compilation object and
            // reports Modified; the transform after it does not run again, which is what the Results step shows.)
            Assert.Equal(TrackedSteps.Order(StringComparer.Ordinal), second.TrackedSteps.Keys.Where(k => k.StartsWith("MultiTask.", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
            AssertAllCached(second, TrackedSteps);
            Assert.Contains("result_ForAttributeWithMetadataName", second.TrackedSteps.Keys);
            AssertAllCached(second, "result_ForAttributeWithMetadataName");
            AssertOutputsCached(second);
            Assert.Equal(first.GeneratedSources.Select(s => s.SourceText.ToString()), second.GeneratedSources.Select(s => s.SourceText.ToString()));
            Assert.Equal(first.Diagnostics.Select(d => d.ToString()), second.Diagnostics.Select(d => d.ToString()));
        }

        [Fact]
        public void Edit_to_one_model_regenerates_only_that_model()
        {
            string[] sources = Enumerable.Range(0, 5)
                .Select(i => SnapshotCases.DigitModel.Replace("DigitModel", $"DigitModel{i}", StringComparison.Ordinal))
                .Append(Unrelated)
                .ToArray();
            CSharpCompilation compilation = GeneratorHarness.CreateCompilation(sources);
            GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
            GeneratorRunResult first = driver.GetRunResult().Results.Single();
            Assert.Equal(5, first.GeneratedSources.Length);

            SyntaxTree old = compilation.SyntaxTrees.ElementAt(2);
            string edited = sources[2].Replace("Classes = 10", "Classes = 12", StringComparison.Ordinal);
            compilation = compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(edited, GeneratorHarness.ParseOptions, old.FilePath));
            driver = driver.RunGenerators(compilation);
            GeneratorRunResult second = driver.GetRunResult().Results.Single();

            IncrementalStepRunReason[] models = Outputs(second, TrackingNames.Models).ToArray();
            Assert.Equal(5, models.Length);
            Assert.Equal(1, models.Count(r => r == IncrementalStepRunReason.Modified));
            Assert.Equal(4, models.Count(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));

            // The source output: one file written again, four cached.
            IncrementalStepRunReason[] written = second.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(run => run.Outputs).Select(o => o.Reason).ToArray();
            Assert.Equal(1, written.Count(r => r == IncrementalStepRunReason.Modified));
            Assert.Equal(4, written.Count(r => r == IncrementalStepRunReason.Cached));

            for (int i = 0; i < 5; i++)
            {
                string before = first.GeneratedSources[i].SourceText.ToString();
                string after = second.GeneratedSources.Single(s => s.HintName == first.GeneratedSources[i].HintName).SourceText.ToString();
                Assert.Equal(first.GeneratedSources[i].HintName == "Samples.DigitModel2.g.cs", before != after);
            }
        }

        [Fact]
        public void Edit_in_an_unrelated_file_regenerates_nothing()
        {
            CSharpCompilation compilation = GeneratorHarness.CreateCompilation(SnapshotCases.DigitModel, WarnedModel, Orphan, Unrelated);
            GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

            SyntaxTree old = compilation.SyntaxTrees.Last();
            compilation = compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(Unrelated.Replace("2 * x", "x + x", StringComparison.Ordinal), GeneratorHarness.ParseOptions, old.FilePath));
            driver = driver.RunGenerators(compilation);
            GeneratorRunResult result = driver.GetRunResult().Results.Single();

            AssertAllCached(result, TrackedSteps);
            AssertOutputsCached(result);
        }

        [Fact]
        public void Edit_in_the_model_file_that_keeps_the_model_regenerates_nothing()
        {
            CSharpCompilation compilation = GeneratorHarness.CreateCompilation(SnapshotCases.DigitModel);
            GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

            SyntaxTree old = compilation.SyntaxTrees.Single();
            string edited = SnapshotCases.DigitModel.Replace("public partial Head IsEven { get; }", "public partial Head IsEven { get; }\n\n    /// <summary>A user method.</summary>\n    public int Answer() => 42;", StringComparison.Ordinal);
            compilation = compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(edited, GeneratorHarness.ParseOptions, old.FilePath));
            driver = driver.RunGenerators(compilation);
            GeneratorRunResult result = driver.GetRunResult().Results.Single();

            Assert.All(Outputs(result, TrackingNames.Models), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
            AssertOutputsCached(result);
        }

        [Fact]
        public void Changing_an_argument_regenerates_the_model()
        {
            CSharpCompilation compilation = GeneratorHarness.CreateCompilation(SnapshotCases.DigitModel);
            GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

            SyntaxTree old = compilation.SyntaxTrees.Single();
            string edited = SnapshotCases.DigitModel.Replace("Classes = 10", "Classes = 11", StringComparison.Ordinal);
            compilation = compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(edited, GeneratorHarness.ParseOptions, old.FilePath));
            driver = driver.RunGenerators(compilation);
            GeneratorRunResult result = driver.GetRunResult().Results.Single();

            Assert.Contains(IncrementalStepRunReason.Modified, Outputs(result, TrackingNames.Models));
            Assert.Contains("classes: 11", result.GeneratedSources.Single().SourceText.ToString(), StringComparison.Ordinal);
        }

        [Fact]
        public void Changing_a_weighting_setting_regenerates_the_model_and_an_unrelated_edit_does_not()
        {
            CSharpCompilation compilation = GeneratorHarness.CreateCompilation(WeightedModel, ScaledMethod, Unrelated);
            GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
            Assert.Contains("lossWeighting = new global::Samples.Scaled(AllTasks) { Alpha = 1.5 };", driver.GetRunResult().Results.Single().GeneratedSources.Single().SourceText.ToString(), StringComparison.Ordinal);

            SyntaxTree unrelated = compilation.SyntaxTrees.Last();
            compilation = compilation.ReplaceSyntaxTree(unrelated, CSharpSyntaxTree.ParseText(Unrelated + "\n// edited\n", GeneratorHarness.ParseOptions, unrelated.FilePath));
            driver = driver.RunGenerators(compilation);
            AssertAllCached(driver.GetRunResult().Results.Single(), TrackingNames.Results, TrackingNames.Models);
            AssertOutputsCached(driver.GetRunResult().Results.Single());

            SyntaxTree model = compilation.SyntaxTrees.First();
            compilation = compilation.ReplaceSyntaxTree(model, CSharpSyntaxTree.ParseText(WeightedModel.Replace("Alpha = 1.5", "Alpha = 2", StringComparison.Ordinal), GeneratorHarness.ParseOptions, model.FilePath));
            driver = driver.RunGenerators(compilation);
            GeneratorRunResult result = driver.GetRunResult().Results.Single();

            Assert.Contains(IncrementalStepRunReason.Modified, Outputs(result, TrackingNames.Models));
            Assert.Contains("lossWeighting = new global::Samples.Scaled(AllTasks) { Alpha = 2.0 };", result.GeneratedSources.Single().SourceText.ToString(), StringComparison.Ordinal);
        }

        [Fact]
        public void Diagnostics_of_an_unchanged_model_are_cached_too()
        {
            string broken = SnapshotCases.DigitModel.Replace("Classes = 10", "Classes = 1", StringComparison.Ordinal);
            CSharpCompilation compilation = GeneratorHarness.CreateCompilation(broken, Unrelated);
            GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
            Assert.Single(driver.GetRunResult().Diagnostics);

            SyntaxTree old = compilation.SyntaxTrees.Last();
            compilation = compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(Unrelated + "\n// edited\n", GeneratorHarness.ParseOptions, old.FilePath));
            driver = driver.RunGenerators(compilation);
            GeneratorDriverRunResult result = driver.GetRunResult();

            AssertAllCached(result.Results.Single(), TrackingNames.Results, TrackingNames.Diagnostics, TrackingNames.Stubs);
            AssertOutputsCached(result.Results.Single());
            Assert.Equal("MTL0005", Assert.Single(result.Diagnostics).Id);
        }

        [Fact]
        public void No_step_output_holds_symbols_syntax_locations_or_compilations()
        {
            CSharpCompilation compilation = GeneratorHarness.CreateCompilation(
                SnapshotCases.DigitModel,
                SnapshotCases.NestedModel,
                SnapshotCases.OptimizerSettingsModel,
                SnapshotCases.UncertaintyModel,
                WeightedModel,
                ScaledMethod,
                WarnedModel,
                Orphan,
                SnapshotCases.DigitModel.Replace("DigitModel", "BrokenModel", StringComparison.Ordinal).Replace("Classes = 10", "Classes = 0", StringComparison.Ordinal));
            GeneratorRunResult result = GeneratorHarness.CreateDriver().RunGenerators(compilation).GetRunResult().Results.Single();

            Type[] forbidden = [typeof(ISymbol), typeof(SyntaxNode), typeof(Location), typeof(Compilation), typeof(SemanticModel)];
            int walked = 0;
            foreach (string step in TrackedSteps)
            {
                Assert.True(result.TrackedSteps.ContainsKey(step), $"Step {step} is not tracked.");
                foreach (IncrementalGeneratorRunStep run in result.TrackedSteps[step])
                {
                    foreach ((object value, _) in run.Outputs)
                    {
                        // The model the source output reads must not even hold a syntax tree (diagnostics may, to honour #pragma).
                        Type[] banned = step == TrackingNames.Models ? [.. forbidden, typeof(SyntaxTree)] : forbidden;
                        Walk(value, banned, new HashSet<object>(ReferenceEqualityComparer.Instance), $"{step} output");
                        walked++;
                    }
                }
            }

            Assert.True(walked >= 10, $"Only {walked} step outputs were walked.");
        }

        private static void Walk(object? value, Type[] forbidden, HashSet<object> seen, string path)
        {
            if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
            {
                return;
            }

            Type type = value.GetType();
            Type? bad = forbidden.FirstOrDefault(f => f.IsAssignableFrom(type));
            Assert.True(bad is null, $"{path} holds a {bad?.Name}: {type.FullName}");

            if (value is SyntaxTree || value is DiagnosticDescriptor || value is Microsoft.CodeAnalysis.Text.TextSpan || value is Microsoft.CodeAnalysis.Text.LinePositionSpan)
            {
                return; // Leaves: immutable values (a tree is compared by reference and checked above where banned).
            }

            if (value is IEnumerable sequence)
            {
                int i = 0;
                foreach (object? item in sequence)
                {
                    Walk(item, forbidden, seen, $"{path}[{i++}]");
                }
            }

            for (Type? t = type; t is not null && t != typeof(object); t = t.BaseType)
            {
                foreach (FieldInfo field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    Walk(field.GetValue(value), forbidden, seen, $"{path}.{field.Name}");
                }
            }
        }

        private static IEnumerable<IncrementalStepRunReason> Outputs(GeneratorRunResult result, string step)
            => result.TrackedSteps[step].SelectMany(run => run.Outputs).Select(output => output.Reason);

        private static void AssertAllCached(GeneratorRunResult result, params string[] steps)
        {
            foreach (string step in steps)
            {
                Assert.True(result.TrackedSteps.ContainsKey(step), $"Step {step} did not run.");
                Assert.All(Outputs(result, step), reason => Assert.True(
                    reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"Step {step} has an output {reason}."));
            }
        }

        private static void AssertOutputsCached(GeneratorRunResult result)
        {
            Assert.NotEmpty(result.TrackedOutputSteps);
            Assert.All(result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(run => run.Outputs), output =>
                Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
        }
    }
}
