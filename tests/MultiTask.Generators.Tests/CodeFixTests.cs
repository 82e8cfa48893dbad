using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using MultiTask.CodeFixes;
using MultiTask.Generators.Tests.Infrastructure;
using Xunit;

namespace MultiTask.Generators.Tests
{
    /// <summary>Every code fix: the source before, the exact source after, and a clean generator run on the result.</summary>
    public sealed class CodeFixTests
    {
        [Fact]
        public async Task MTL0001_makes_the_model_class_partial()
        {
            string after = await CodeFixHarness.Apply(
                new MakePartialCodeFixProvider(),
                """
                using MultiTask;

                /// <summary>A model.</summary>
                [MultiTaskModel(InputSize = 4)]
                public sealed class Model
                {
                    [BinaryHead] public partial Head Flag { get; }
                    [RegressionHead] public partial Head Value { get; }
                }
                """,
                "MTL0001",
                "Make 'Model' partial");

            AssertFixed(
                """
                using MultiTask;

                /// <summary>A model.</summary>
                [MultiTaskModel(InputSize = 4)]
                public sealed partial class Model
                {
                    [BinaryHead] public partial Head Flag { get; }
                    [RegressionHead] public partial Head Value { get; }
                }
                """,
                after);
        }

        [Fact]
        public async Task MTL0001_adds_partial_to_a_class_without_modifiers()
        {
            string after = await CodeFixHarness.Apply(
                new MakePartialCodeFixProvider(),
                """
                using MultiTask;

                namespace Samples
                {
                    [MultiTaskModel(InputSize = 4)]
                    class Model
                    {
                        [BinaryHead] public partial Head Flag { get; }
                        [RegressionHead] public partial Head Value { get; }
                    }
                }
                """,
                "MTL0001",
                "Make 'Model' partial");

            AssertFixed(
                """
                using MultiTask;

                namespace Samples
                {
                    [MultiTaskModel(InputSize = 4)]
                    partial class Model
                    {
                        [BinaryHead] public partial Head Flag { get; }
                        [RegressionHead] public partial Head Value { get; }
                    }
                }
                """,
                after);
        }

        [Fact]
        public async Task MTL0008_makes_the_containing_type_partial()
        {
            string after = await CodeFixHarness.Apply(
                new MakePartialCodeFixProvider(),
                """
                using MultiTask;

                public static class Outer
                {
                    [MultiTaskModel(InputSize = 4)]
                    public partial class Model
                    {
                        [BinaryHead] public partial Head Flag { get; }
                        [RegressionHead] public partial Head Value { get; }
                    }
                }
                """,
                "MTL0008",
                "Make 'Outer' partial");

            AssertFixed(
                """
                using MultiTask;

                public static partial class Outer
                {
                    [MultiTaskModel(InputSize = 4)]
                    public partial class Model
                    {
                        [BinaryHead] public partial Head Flag { get; }
                        [RegressionHead] public partial Head Value { get; }
                    }
                }
                """,
                after);
        }

        [Theory]
        [InlineData("public Head Flag { get; } = null!;", "public partial Head Flag { get; }")]
        [InlineData("public partial Trunk Flag { get; }", "public partial Head Flag { get; }")]
        [InlineData("public partial Head? Flag { get; }", "public partial Head Flag { get; }")]
        [InlineData("public static partial Head Flag { get; }", "public partial Head Flag { get; }")]
        [InlineData("internal partial Head Flag { get; set; }", "internal partial Head Flag { get; }")]
        [InlineData("public virtual Head Flag => null!;", "public partial Head Flag { get; }")]
        [InlineData("Head Flag { get { return null!; } }", "partial Head Flag { get; }")]
        [InlineData("public required object Flag { get; init; }", "public partial Head Flag { get; }")]
        public async Task MTL0003_makes_the_property_partial_with_the_right_type(string before, string after)
        {
            const string Template = """
                using MultiTask;

                [MultiTaskModel(InputSize = 4)]
                public partial class Model
                {
                    /// <summary>Whether it is set.</summary>
                    [BinaryHead(Weight = 0.5)]
                    {0} // the flag

                    [RegressionHead]
                    public partial Head Value { get; }
                }
                """;

            string fixedSource = await CodeFixHarness.Apply(
                new FixComponentPropertyCodeFixProvider(),
                Template.Replace("{0}", before, System.StringComparison.Ordinal),
                "MTL0003",
                "Make 'Flag' 'partial Head Flag { get; }'");

            AssertFixed(Template.Replace("{0}", after, System.StringComparison.Ordinal), fixedSource);
        }

        [Fact]
        public async Task MTL0003_gives_a_trunk_the_trunk_type()
        {
            string after = await CodeFixHarness.Apply(
                new FixComponentPropertyCodeFixProvider(),
                """
                using MultiTask;

                [MultiTaskModel(InputSize = 4)]
                public partial class Model
                {
                    [MultiTask.SharedTrunk(8)]
                    public Head Body { get; set; } = null!;

                    [BinaryHead] public partial Head Flag { get; }
                    [RegressionHead] public partial Head Value { get; }
                }
                """,
                "MTL0003",
                "Make 'Body' 'partial Trunk Body { get; }'");

            AssertFixed(
                """
                using MultiTask;

                [MultiTaskModel(InputSize = 4)]
                public partial class Model
                {
                    [MultiTask.SharedTrunk(8)]
                    public partial global::MultiTask.Trunk Body { get; }

                    [BinaryHead] public partial Head Flag { get; }
                    [RegressionHead] public partial Head Value { get; }
                }
                """,
                after);
        }

        [Fact]
        public async Task MTL0003_offers_no_fix_for_a_method_or_a_field()
        {
            List<CodeAction> offered = await CodeFixHarness.Offered(
                new FixComponentPropertyCodeFixProvider(),
                """
                using MultiTask;

                [MultiTaskModel(InputSize = 4)]
                public partial class Model
                {
                    [BinaryHead] public Head Flag() => null!;
                    [RegressionHead] private Head? value;
                    [RegressionHead] public partial Head Other { get; }
                }
                """,
                "MTL0003");

            Assert.Empty(offered);
        }

        [Fact]
        public async Task MTL0007_removes_the_duplicate_head()
        {
            string after = await CodeFixHarness.Apply(
                new RemoveDuplicateComponentCodeFixProvider(),
                """
                using MultiTask;

                [MultiTaskModel(InputSize = 4)]
                public partial class Model
                {
                    /// <summary>The flag.</summary>
                    [BinaryHead]
                    public partial Head Flag { get; }

                    /// <summary>The flag again.</summary>
                    [BinaryHead(Weight = 2)]
                    public partial Head FLAG { get; }

                    [RegressionHead]
                    public partial Head Value { get; }
                }
                """,
                "MTL0007",
                "Remove the duplicate 'FLAG'");

            AssertFixed(
                """
                using MultiTask;

                [MultiTaskModel(InputSize = 4)]
                public partial class Model
                {
                    /// <summary>The flag.</summary>
                    [BinaryHead]
                    public partial Head Flag { get; }

                    [RegressionHead]
                    public partial Head Value { get; }
                }
                """,
                after);
        }

        [Fact]
        public async Task MTL0006_removes_the_second_trunk()
        {
            string after = await CodeFixHarness.Apply(
                new RemoveDuplicateComponentCodeFixProvider(),
                """
                using MultiTask;

                [MultiTaskModel(InputSize = 4)]
                public partial class Model
                {
                    [SharedTrunk(8)]
                    public partial Trunk Body { get; }

                    [SharedTrunk(4)]
                    public partial Trunk Second { get; }

                    [BinaryHead] public partial Head Flag { get; }
                    [RegressionHead] public partial Head Value { get; }
                }
                """,
                "MTL0006",
                "Remove the second trunk 'Second'");

            AssertFixed(
                """
                using MultiTask;

                [MultiTaskModel(InputSize = 4)]
                public partial class Model
                {
                    [SharedTrunk(8)]
                    public partial Trunk Body { get; }

                    [BinaryHead] public partial Head Flag { get; }
                    [RegressionHead] public partial Head Value { get; }
                }
                """,
                after);
        }

        [Fact]
        public async Task MTL0006_removes_a_second_shared_component_of_another_kind()
        {
            string after = await CodeFixHarness.Apply(
                new RemoveDuplicateComponentCodeFixProvider(),
                """
                using MultiTask;

                [MultiTaskModel(InputSize = 4)]
                public partial class Model
                {
                    [SharedTrunk(8)]
                    public partial Trunk Body { get; }

                    /// <summary>Experts.</summary>
                    [MixtureOfExperts(Experts = 2, Hidden = new[] { 8 })]
                    public partial MixtureOfExperts Experts { get; }

                    [BinaryHead] public partial Head Flag { get; }
                    [RegressionHead] public partial Head Value { get; }
                }
                """,
                "MTL0006",
                "Remove the second shared component 'Experts'");

            AssertFixed(
                """
                using MultiTask;

                [MultiTaskModel(InputSize = 4)]
                public partial class Model
                {
                    [SharedTrunk(8)]
                    public partial Trunk Body { get; }

                    [BinaryHead] public partial Head Flag { get; }
                    [RegressionHead] public partial Head Value { get; }
                }
                """,
                after);
        }

        [Fact]
        public async Task MTL0006_removes_only_the_later_of_an_autoencoder_and_a_trunk()
        {
            string after = await CodeFixHarness.Apply(
                new RemoveDuplicateComponentCodeFixProvider(),
                """
                using MultiTask;

                [MultiTaskModel(InputSize = 4)]
                public partial class Model
                {
                    [AutoencoderTrunk(2, 8)]
                    public partial AutoencoderTrunk Code { get; }

                    [SharedTrunk(8)]
                    public partial Trunk Body { get; }

                    [BinaryHead] public partial Head Flag { get; }
                    [RegressionHead] public partial Head Value { get; }
                }
                """,
                "MTL0006",
                "Remove the second trunk 'Body'");

            AssertFixed(
                """
                using MultiTask;

                [MultiTaskModel(InputSize = 4)]
                public partial class Model
                {
                    [AutoencoderTrunk(2, 8)]
                    public partial AutoencoderTrunk Code { get; }

                    [BinaryHead] public partial Head Flag { get; }
                    [RegressionHead] public partial Head Value { get; }
                }
                """,
                after);
        }

        [Theory]
        [InlineData("1", "0.5")]
        [InlineData("1.5", "0.5")]
        [InlineData("20", "0.5")]
        [InlineData("-0.25", "0")]
        [InlineData("double.NaN", "0")]
        public async Task MTL0005_clamps_dropout_into_range(string before, string after)
        {
            const string Template = """
                using MultiTask;

                [MultiTaskModel(InputSize = 4)]
                public partial class Model
                {
                    [SharedTrunk(16, 8, Dropout = {0}, LayerNorm = true)]
                    public partial Trunk Body { get; }

                    [BinaryHead] public partial Head Flag { get; }
                    [RegressionHead] public partial Head Value { get; }
                }
                """;

            string fixedSource = await CodeFixHarness.Apply(
                new ClampDropoutCodeFixProvider(),
                Template.Replace("{0}", before, System.StringComparison.Ordinal),
                "MTL0005",
                $"Clamp Dropout to {after}");

            AssertFixed(Template.Replace("{0}", after, System.StringComparison.Ordinal), fixedSource);
        }

        [Fact]
        public async Task MTL0005_on_another_argument_gets_no_dropout_fix()
        {
            List<CodeAction> offered = await CodeFixHarness.Offered(
                new ClampDropoutCodeFixProvider(),
                """
                using MultiTask;

                [MultiTaskModel(InputSize = 4)]
                public partial class Model
                {
                    [BinaryHead(Threshold = 2)] public partial Head Flag { get; }
                    [ClassificationHead(Classes = 3, LabelSmoothing = 1)] public partial Head Kind { get; }
                }
                """,
                "MTL0005");

            Assert.Empty(offered);
        }

        /// <summary>The fixed text is exactly <paramref name="expected"/>, and the generator has nothing more to say about it.</summary>
        private static void AssertFixed(string expected, string actual)
        {
            Assert.Equal(expected.Replace("\r\n", "\n", System.StringComparison.Ordinal), actual.Replace("\r\n", "\n", System.StringComparison.Ordinal));
            GeneratorRun run = GeneratorHarness.Run(actual);
            Assert.True(run.GeneratorDiagnostics.IsEmpty, string.Join("\n", run.GeneratorDiagnostics.Select(d => d.ToString())));
            Assert.Single(run.Result.GeneratedSources);
            Assert.DoesNotContain(run.CompilationDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        }
    }
}
