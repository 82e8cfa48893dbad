using System.Linq;
using Microsoft.CodeAnalysis;
using MultiTask.Generators.Tests.Infrastructure;
using Xunit;

namespace MultiTask.Generators.Tests
{
    /// <summary>
    /// Loss weighting attributes: the generator knows no method by name. It reads the runtime class and the requirements from
    /// the attribute's <c>[WeightingMethod]</c> and writes one construction line, so a method declared outside MultiTask works
    /// without a generator change.
    /// </summary>
    public sealed class WeightingTests
    {
        /// <summary>A gradient method of the user's own: the attribute, and the runtime class it names.</summary>
        private const string GradScale = """
            using System.Collections.Generic;
            using MultiTask;
            using TorchSharp;

            namespace My
            {
                /// <summary>Scales the shared gradients.</summary>
                [WeightingMethod("My.GradScale", Requires = WeightingRequirements.SharedParameters)]
                public sealed class GradScaleAttribute : LossWeightingAttribute
                {
                    /// <summary>The scale's exponent, in [0, 2].</summary>
                    [SettingRange(Minimum = 0, Maximum = 2)]
                    public double Alpha { get; set; }
                }

                /// <summary>The runtime side of [GradScale].</summary>
                public sealed class GradScale : LossWeighting
                {
                    /// <summary>Creates the method for the model's tasks.</summary>
                    public GradScale(IReadOnlyList<TaskDefinition> tasks)
                        : base(nameof(GradScale), tasks)
                    {
                    }

                    /// <summary>The scale's exponent.</summary>
                    public double Alpha { get; init; }

                    /// <inheritdoc />
                    public override torch.Tensor Backward(TaskStep step, TaskGradients gradients)
                    {
                        step.Total.backward();
                        return torch.ones(step.Losses.Count);
                    }
                }
            }
            """;

        /// <summary>A hard-sharing model with <paramref name="attribute"/> on the class.</summary>
        private static string Model(string attribute, string usings = "") => $$"""
            using MultiTask;
            {{usings}}

            namespace Samples;

            /// <summary>A model with a loss weighting.</summary>
            [MultiTaskModel(InputSize = 8)]
            [{{attribute}}]
            public partial class Weighted
            {
                /// <summary>The shared layers.</summary>
                [SharedTrunk(16)]
                public partial Trunk Body { get; }

                /// <summary>A binary task.</summary>
                [BinaryHead]
                public partial Head Flag { get; }

                /// <summary>A regression.</summary>
                [RegressionHead(Weight = 0.5)]
                public partial Head Value { get; }
            }
            """;

        [Fact]
        public void A_new_weighting_method_needs_no_generator_change()
        {
            GeneratorRun run = GeneratorHarness.Run(Model("GradScale(Alpha = 1.5)", "using My;"), GradScale);

            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Contains("private readonly global::My.GradScale lossWeighting;", run.SingleSource, System.StringComparison.Ordinal);
            Assert.Contains("lossWeighting = new global::My.GradScale(AllTasks) { Alpha = 1.5 };", run.SingleSource, System.StringComparison.Ordinal);
            AssertCompilesWithoutWarnings(run);
        }

        [Theory]
        [InlineData("Alpha = 2.5", "Alpha = 2.5")]
        [InlineData("Alpha = -1e-3", "Alpha = -1e-3")]
        [InlineData("Alpha = 1.0 / 0", "Alpha = 1.0 / 0 (Infinity)")]
        public void A_new_method_s_setting_range_is_checked_without_a_generator_change(string argument, string shown)
        {
            string source = Model($"GradScale({argument})", "using My;");
            GeneratorRun run = GeneratorHarness.Run(source, GradScale);

            Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
            Assert.Equal("MTL0030", diagnostic.Id);
            Assert.Equal($"[GradScale] on model 'Weighted': {shown} is out of range; Alpha must be in [0, 2]", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(source.IndexOf(argument, System.StringComparison.Ordinal), diagnostic.Location.SourceSpan.Start);
            Assert.Equal(argument, diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
            Assert.Contains("has declaration errors", run.SingleSource, System.StringComparison.Ordinal);
        }

        [Fact]
        public void A_nan_bound_is_no_bound_and_a_range_on_a_bool_is_ignored()
        {
            const string method = """
                using System.Collections.Generic;
                using MultiTask;
                using TorchSharp;

                namespace My
                {
                    /// <summary>A method with odd ranges.</summary>
                    [WeightingMethod("My.Odd")]
                    public sealed class OddAttribute : LossWeightingAttribute
                    {
                        /// <summary>At most 5; the NaN minimum is no bound.</summary>
                        [SettingRange(Minimum = double.NaN, Maximum = 5)]
                        public double Rate { get; set; }

                        /// <summary>A range on a bool, which has no order.</summary>
                        [SettingRange(Minimum = 1)]
                        public bool Normalize { get; set; }
                    }

                    /// <summary>The runtime side of [Odd].</summary>
                    public sealed class Odd(IReadOnlyList<TaskDefinition> tasks) : LossWeighting(nameof(Odd), tasks)
                    {
                        /// <summary>A double.</summary>
                        public double Rate { get; init; }

                        /// <summary>A bool.</summary>
                        public bool Normalize { get; init; }

                        /// <inheritdoc />
                        public override torch.Tensor Backward(TaskStep step, TaskGradients gradients) => step.Total;
                    }
                }
                """;

            GeneratorRun run = GeneratorHarness.Run(Model("Odd(Rate = -1e6, Normalize = false)", "using My;"), method);

            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Contains("lossWeighting = new global::My.Odd(AllTasks) { Rate = -1000000.0, Normalize = false };", run.SingleSource, System.StringComparison.Ordinal);
            AssertCompilesWithoutWarnings(run);
        }

        [Theory]
        [InlineData("GradScale(Alpha = 0)", "My.GradScale(AllTasks) { Alpha = 0.0 }")]
        [InlineData("GradScale(Alpha = 2)", "My.GradScale(AllTasks) { Alpha = 2.0 }")]
        [InlineData("Dwa(Temperature = 0.001)", "MultiTask.Dwa(AllTasks) { Temperature = 0.001 }")]
        [InlineData("CAGrad(C = 0)", "MultiTask.CAGrad(AllTasks) { C = 0.0 }")]
        [InlineData("CAGrad(C = 0.999)", "MultiTask.CAGrad(AllTasks) { C = 0.999 }")]
        [InlineData("DbMtl(Beta = 0, BetaSigma = 0)", "MultiTask.DbMtl(AllTasks) { Beta = 0.0, BetaSigma = 0.0 }")]
        [InlineData("DbMtl(Beta = 0.99, BetaSigma = 100)", "MultiTask.DbMtl(AllTasks) { Beta = 0.99, BetaSigma = 100.0 }")]
        [InlineData("GradNorm(Alpha = 0)", "MultiTask.GradNorm(AllTasks) { Alpha = 0.0 }")]
        [InlineData("Famo(LearningRate = 0.0001, WeightDecay = 0)", "MultiTask.Famo(AllTasks) { LearningRate = 0.0001, WeightDecay = 0.0 }")]
        public void A_setting_at_the_edge_of_its_range_is_accepted(string attribute, string construction)
        {
            GeneratorRun run = GeneratorHarness.Run(Model(attribute, "using My;"), GradScale);

            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Contains($"lossWeighting = new global::{construction};", run.SingleSource, System.StringComparison.Ordinal);
            AssertCompilesWithoutWarnings(run);
        }

        [Fact]
        public void Without_a_weighting_attribute_the_model_trains_with_static_weighting()
        {
            GeneratorRun run = GeneratorHarness.Run(SnapshotCases.DigitModel);

            Assert.Contains("lossWeighting = new global::MultiTask.StaticWeighting(AllTasks);", run.SingleSource, System.StringComparison.Ordinal);
            Assert.Equal(GeneratorHarness.Run(SnapshotCases.DigitModel.Replace("[MultiTaskModel(InputSize = 64)]", "[MultiTaskModel(InputSize = 64)]\n[StaticWeighting]", System.StringComparison.Ordinal)).SingleSource, run.SingleSource);
        }

        [Theory]
        [InlineData("Dwa", "lossWeighting = new global::MultiTask.Dwa(AllTasks);")]
        [InlineData("Dwa(Temperature = 1.5)", "lossWeighting = new global::MultiTask.Dwa(AllTasks) { Temperature = 1.5 };")]
        [InlineData("RandomLossWeighting", "lossWeighting = new global::MultiTask.RandomLossWeighting(AllTasks);")]
        [InlineData("DbMtl(Beta = 0.8, BetaSigma = 0.5)", "lossWeighting = new global::MultiTask.DbMtl(AllTasks) { Beta = 0.8, BetaSigma = 0.5 };")]
        [InlineData("PCGrad", "lossWeighting = new global::MultiTask.PCGrad(AllTasks);")]
        [InlineData("CAGrad(C = 0.5)", "lossWeighting = new global::MultiTask.CAGrad(AllTasks) { C = 0.5 };")]
        [InlineData("Imtl", "lossWeighting = new global::MultiTask.Imtl(AllTasks);")]
        [InlineData("NashMtl", "lossWeighting = new global::MultiTask.NashMtl(AllTasks);")]
        [InlineData("AlignedMtl", "lossWeighting = new global::MultiTask.AlignedMtl(AllTasks);")]
        [InlineData("UPGrad", "lossWeighting = new global::MultiTask.UPGrad(AllTasks);")]
        [InlineData("GradNorm(Alpha = 1.5)", "lossWeighting = new global::MultiTask.GradNorm(AllTasks) { Alpha = 1.5 };")]
        [InlineData("Famo", "lossWeighting = new global::MultiTask.Famo(AllTasks);")]
        [InlineData("Mgda(Normalization = MgdaNormalization.LossPlus)", "lossWeighting = new global::MultiTask.Mgda(AllTasks) { Normalization = global::MultiTask.MgdaNormalization.LossPlus };")]
        public void The_library_methods_are_constructed_from_their_attributes_alone(string attribute, string construction)
        {
            GeneratorRun run = GeneratorHarness.Run(Model(attribute));

            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Contains(construction, run.SingleSource, System.StringComparison.Ordinal);
            AssertCompilesWithoutWarnings(run);
        }

        [Fact]
        public void Settings_of_every_supported_kind_become_invariant_literals()
        {
            const string method = """
                using System.Collections.Generic;
                using MultiTask;
                using TorchSharp;

                namespace My
                {
                    /// <summary>How the weights move.</summary>
                    public enum Mode
                    {
                        /// <summary>Slowly.</summary>
                        Slow,

                        /// <summary>Quickly.</summary>
                        Fast,
                    }

                    /// <summary>A method with settings of every kind.</summary>
                    [WeightingMethod("My.Tuned")]
                    public sealed class TunedAttribute : LossWeightingAttribute
                    {
                        /// <summary>A double.</summary>
                        public double Rate { get; set; }

                        /// <summary>A double that is whole.</summary>
                        public double Scale { get; set; }

                        /// <summary>Not a number.</summary>
                        public double Limit { get; set; }

                        /// <summary>An int.</summary>
                        public int Window { get; set; }

                        /// <summary>A bool.</summary>
                        public bool Normalize { get; set; }

                        /// <summary>An enum member.</summary>
                        public Mode Mode { get; set; }

                        /// <summary>An enum value without a member.</summary>
                        public Mode Other { get; set; }

                        /// <summary>A string.</summary>
                        public string? Label { get; set; }

                        /// <summary>A keyword.</summary>
                        public int @event { get; set; }
                    }

                    /// <summary>The runtime side of [Tuned].</summary>
                    public sealed class Tuned(IReadOnlyList<TaskDefinition> tasks) : LossWeighting(nameof(Tuned), tasks)
                    {
                        /// <summary>A double.</summary>
                        public double Rate { get; init; }

                        /// <summary>A double that is whole.</summary>
                        public double Scale { get; set; }

                        /// <summary>Not a number.</summary>
                        public double Limit { get; init; }

                        /// <summary>An int, taken as a long.</summary>
                        public long Window { get; init; }

                        /// <summary>A bool.</summary>
                        public bool? Normalize { get; init; }

                        /// <summary>An enum member.</summary>
                        public Mode Mode { get; init; }

                        /// <summary>An enum value without a member.</summary>
                        public Mode Other { get; init; }

                        /// <summary>A string.</summary>
                        public string? Label { get; init; }

                        /// <summary>A keyword.</summary>
                        public int @event { get; init; }

                        /// <inheritdoc />
                        public override torch.Tensor Backward(TaskStep step, TaskGradients gradients) => step.Total;
                    }
                }
                """;

            var culture = System.Globalization.CultureInfo.CurrentCulture;
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            try
            {
                GeneratorRun run = GeneratorHarness.Run(
                    Model("Tuned(Rate = -2.5e-4, Scale = 2, Limit = double.NaN, Window = -3, Normalize = true, Mode = Mode.Fast, Other = (Mode)7, Label = \"a \\\"b\\\"\", @event = 1)", "using My;"),
                    method);

                Assert.Empty(run.GeneratorDiagnostics);
                Assert.Contains(
                    "lossWeighting = new global::My.Tuned(AllTasks) { Rate = -0.00025, Scale = 2.0, Limit = double.NaN, Window = -3, Normalize = true, Mode = global::My.Mode.Fast, Other = (global::My.Mode)7, Label = \"a \\\"b\\\"\", @event = 1 };",
                    run.SingleSource,
                    System.StringComparison.Ordinal);
                AssertCompilesWithoutWarnings(run);
            }
            finally
            {
                System.Globalization.CultureInfo.CurrentCulture = culture;
            }
        }

        [Fact]
        public void A_required_setting_that_the_attribute_sets_compiles()
        {
            const string method = """
                using System.Collections.Generic;
                using MultiTask;
                using TorchSharp;

                namespace My
                {
                    /// <summary>A method with a required setting.</summary>
                    [WeightingMethod("My.Strict")]
                    public sealed class StrictAttribute : LossWeightingAttribute
                    {
                        /// <summary>The required setting.</summary>
                        public double Beta { get; set; }
                    }

                    /// <summary>The runtime side of [Strict].</summary>
                    public sealed class Strict(IReadOnlyList<TaskDefinition> tasks) : LossWeighting(nameof(Strict), tasks)
                    {
                        /// <summary>The required setting.</summary>
                        public required double Beta { get; init; }

                        /// <inheritdoc />
                        public override torch.Tensor Backward(TaskStep step, TaskGradients gradients) => step.Total;
                    }
                }
                """;

            GeneratorRun run = GeneratorHarness.Run(Model("Strict(Beta = 0.25)", "using My;"), method);

            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Contains("lossWeighting = new global::My.Strict(AllTasks) { Beta = 0.25 };", run.SingleSource, System.StringComparison.Ordinal);
            AssertCompilesWithoutWarnings(run);
        }

        [Theory]
        [InlineData("[SharedTrunk(16)] public partial Trunk Body { get; }", false)]
        [InlineData("[SharedTrunk(16)] public partial Trunk Body { get; }", true)]
        [InlineData("[AutoencoderTrunk(4, 8)] public partial AutoencoderTrunk Code { get; }", false)]
        [InlineData("[MixtureOfExperts(Experts = 2, Hidden = new[] { 8 })] public partial MixtureOfExperts Experts { get; }", false)]
        [InlineData("[ProgressiveLayeredExtraction(SharedExperts = 1, Hidden = new[] { 8 })] public partial ProgressiveLayeredExtraction Levels { get; }", false)]
        public void Every_shared_component_meets_the_requirements(string component, bool inputPerTask)
        {
            GeneratorRun run = GeneratorHarness.Run(
                $$"""
                using MultiTask;
                using My;

                namespace Samples;

                /// <summary>A model with a shared component.</summary>
                [MultiTaskModel(InputSize = 8{{(inputPerTask ? ", InputPerTask = true" : "")}})]
                [GradScale]
                public partial class Shared
                {
                    /// <summary>The shared component.</summary>
                    {{component}}

                    /// <summary>A binary task.</summary>
                    [BinaryHead]
                    public partial Head Flag { get; }

                    /// <summary>A regression.</summary>
                    [RegressionHead]
                    public partial Head Value { get; }
                }
                """,
                GradScale);

            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Contains("lossWeighting = new global::My.GradScale(AllTasks);", run.SingleSource, System.StringComparison.Ordinal);
            AssertCompilesWithoutWarnings(run);
        }

        [Theory]
        [InlineData("[SharedTrunk(16, 8)] public partial Trunk Body { get; }", false)]
        [InlineData("[SharedTrunk(16)] public partial Trunk Body { get; }", true)]
        [InlineData("[AutoencoderTrunk(4, 8)] public partial AutoencoderTrunk Code { get; }", false)]
        public void Grad_norm_is_accepted_on_a_trunk_and_an_autoencoder(string component, bool inputPerTask)
        {
            GeneratorRun run = GeneratorHarness.Run(
                $$"""
                using MultiTask;

                namespace Samples;

                /// <summary>A model with one last shared layer.</summary>
                [MultiTaskModel(InputSize = 8{{(inputPerTask ? ", InputPerTask = true" : "")}})]
                [GradNorm]
                public partial class Layered
                {
                    /// <summary>The shared component.</summary>
                    {{component}}

                    /// <summary>A binary task.</summary>
                    [BinaryHead]
                    public partial Head Flag { get; }

                    /// <summary>A regression.</summary>
                    [RegressionHead]
                    public partial Head Value { get; }
                }
                """);

            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Contains("lossWeighting = new global::MultiTask.GradNorm(AllTasks);", run.SingleSource, System.StringComparison.Ordinal);
            AssertCompilesWithoutWarnings(run);
        }

        [Fact]
        public void A_weighting_attribute_does_not_count_as_sharing()
        {
            DiagnosticAssert.Reports(
                """
                using MultiTask;

                [MultiTaskModel(InputSize = 4)]
                [UncertaintyWeighting]
                public partial class [|Separate|]
                {
                    [ClassificationHead(Classes = 3, Hidden = new[] { 32 })]
                    public partial Head Kind { get; }

                    [RegressionHead(Hidden = [16, 8])]
                    public partial Head Size { get; }
                }
                """,
                new Expected("MTL0019", "Model 'Separate' has no shared trunk and a tower on every head (Kind, Size): its tasks share no parameter and train as separate networks; move the common layers into a [SharedTrunk]"));
        }

        [Fact]
        public void Db_mtl_on_towers_that_share_nothing_names_what_it_needs()
        {
            DiagnosticAssert.Reports(
                """
                using MultiTask;

                [MultiTaskModel(InputSize = 4)]
                [SoftSharing(Lambda = 0.1)]
                [[|DbMtl|]]
                public partial class Soft
                {
                    [RegressionHead(Hidden = new[] { 8 })]
                    public partial Head A { get; }

                    [RegressionHead(Hidden = new[] { 8 })]
                    public partial Head B { get; }
                }
                """,
                new Expected("MTL0028", "Model 'Soft' has [DbMtl], which needs parameters shared by the tasks, but its tasks share no module (soft sharing gives each task its own tower); declare a [SharedTrunk], [AutoencoderTrunk], [MixtureOfExperts], [ProgressiveLayeredExtraction] or [CrossStitch], or use another loss weighting"));
        }

        [Fact]
        public void Pc_grad_on_towers_that_share_nothing_names_what_it_needs()
        {
            DiagnosticAssert.Reports(
                """
                using MultiTask;

                [MultiTaskModel(InputSize = 4)]
                [SoftSharing(Lambda = 0.1)]
                [[|PCGrad|]]
                public partial class Soft
                {
                    [RegressionHead(Hidden = new[] { 8 })]
                    public partial Head A { get; }

                    [RegressionHead(Hidden = new[] { 8 })]
                    public partial Head B { get; }
                }
                """,
                new Expected("MTL0028", "Model 'Soft' has [PCGrad], which needs parameters shared by the tasks, but its tasks share no module (soft sharing gives each task its own tower); declare a [SharedTrunk], [AutoencoderTrunk], [MixtureOfExperts], [ProgressiveLayeredExtraction] or [CrossStitch], or use another loss weighting"));
        }

        [Fact]
        public void The_same_weighting_attribute_twice_is_left_to_the_compiler()
        {
            GeneratorRun run = GeneratorHarness.Run(Model("UncertaintyWeighting, UncertaintyWeighting"));

            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Contains("has declaration errors", run.SingleSource, System.StringComparison.Ordinal);
            Assert.Contains(run.Input.GetDiagnostics(), d => d.Id == "CS0579");
        }

        private static void AssertCompilesWithoutWarnings(GeneratorRun run)
        {
            Diagnostic[] problems = run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
            Assert.True(problems.Length == 0, string.Join("\n", problems.Select(d => d.ToString())));
        }
    }
}
