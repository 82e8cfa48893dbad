using System.Linq;
using Microsoft.CodeAnalysis;
using MultiTask.Generators.Tests.Infrastructure;
using Xunit;

namespace MultiTask.Generators.Tests
{
    /// <summary>What <c>[CrossStitch]</c> reports: its arguments, and the model-wide rules it shares with the other shared components.</summary>
    public sealed class CrossStitchDiagnosticTests
    {
        /// <summary>A model with <paramref name="towers"/> (the attribute's text) on <c>Towers</c> and two binary heads with a tower each.</summary>
        private static string Model(string towers, string modelArguments = "", string classAttribute = "", string more = "") => $$"""
            using MultiTask;

            namespace Samples;

            [MultiTaskModel(InputSize = 4{{modelArguments}})]
            {{classAttribute}}
            public partial class Stitched
            {
                [{{towers}}]
                public partial CrossStitchNetwork Towers { get; }
                {{more}}

                [BinaryHead(Hidden = new[] { 4 })]
                public partial Head Click { get; }

                [BinaryHead(Hidden = new[] { 4 })]
                public partial Head Conversion { get; }
            }
            """;

        [Theory]
        [InlineData("CrossStitch(Hidden = new[] { 8 }, [|SelfWeight = 0|])", "'Towers': SelfWeight = 0 is invalid; expected a weight in (0, 1] for each task's own tower")]
        [InlineData("CrossStitch(Hidden = new[] { 8 }, [|SelfWeight = 1.5|])", "'Towers': SelfWeight = 1.5 is invalid; expected a weight in (0, 1] for each task's own tower")]
        [InlineData("CrossStitch(Hidden = new[] { 8 }, [|SelfWeight = double.NaN|])", "'Towers': SelfWeight = NaN is invalid; expected a weight in (0, 1] for each task's own tower")]
        [InlineData("CrossStitch(Hidden = new[] { 8 }, [|Dropout = 1|])", "'Towers': Dropout = 1 is invalid; expected a probability in [0, 1)")]
        [InlineData("CrossStitch(Hidden = new[] { 8 }, [|WeightDecay = -1|])", "'Towers': WeightDecay = -1 is invalid; expected a finite number >= 0")]
        public void MTL0005_invalid_argument(string towers, string message)
        {
            DiagnosticAssert.Reports(Model(towers), new Expected("MTL0005", message));
        }

        [Fact]
        public void MTL0050_width_not_positive()
        {
            DiagnosticAssert.Reports(
                Model("CrossStitch(Hidden = new[] { 8, [|0|] })"),
                new Expected("MTL0050", "'Towers': Hidden[1] = 0 is not a positive width; give every layer at least 1 unit"));
        }

        [Theory]
        [InlineData("[|CrossStitch|]")]
        [InlineData("CrossStitch([|Hidden = new int[0]|])")]
        public void MTL0051_hidden_missing_or_empty(string towers)
        {
            DiagnosticAssert.Reports(
                Model(towers),
                new Expected("MTL0051", "'Towers': Hidden is required; the towers need at least one layer width (a mixing follows each layer), e.g. Hidden = new[] { 32, 16 }"));
        }

        [Fact]
        public void MTL0018_one_head_is_a_warning_and_the_model_is_generated()
        {
            GeneratorRun run = DiagnosticAssert.Reports(
                """
                using MultiTask;

                [MultiTaskModel(InputSize = 4)]
                public partial class [|Single|]
                {
                    [CrossStitch(Hidden = new[] { 8 })]
                    public partial CrossStitchNetwork Towers { get; }

                    [BinaryHead]
                    public partial Head Click { get; }
                }
                """,
                new Expected("MTL0018", "Model 'Single' has one task only ('Click'): nothing is shared between tasks, so this is single-task learning; add a second head, or suppress MTL0018 for a single-task baseline"));

            Assert.Equal(DiagnosticSeverity.Warning, run.GeneratorDiagnostics.Single().Severity);
            Assert.Single(run.Result.GeneratedSources);
        }

        [Fact]
        public void MTL0006_with_another_shared_component()
        {
            DiagnosticAssert.Reports(
                Model("CrossStitch(Hidden = new[] { 8 })", more: "[[|SharedTrunk(8)|]] public partial Trunk Body { get; }"),
                new Expected("MTL0006", "Model 'Stitched' declares a second shared component 'Body'; a model has at most one [SharedTrunk], [AutoencoderTrunk], [MixtureOfExperts], [ProgressiveLayeredExtraction] or [CrossStitch] (the first is 'Towers')"));
        }

        [Fact]
        public void MTL0021_with_soft_sharing()
        {
            DiagnosticAssert.Reports(
                Model("CrossStitch(Hidden = new[] { 8 })", classAttribute: "[[|SoftSharing|]]"),
                new Expected("MTL0021", "Model 'Stitched' has [SoftSharing] and the shared component 'Towers'; soft sharing gives every task its own tower from the input, so remove one of them"));
        }

        [Fact]
        public void MTL0026_with_one_input_per_task()
        {
            DiagnosticAssert.Reports(
                Model("[|CrossStitch(Hidden = new[] { 8 })|]", modelArguments: ", InputPerTask = true"),
                new Expected("MTL0026", "Model 'Stitched' takes one input per task, which [CrossStitch] 'Towers' does not support; use [SharedTrunk], soft sharing or no shared component"));
        }

        [Fact]
        public void MTL0003_on_a_property_of_another_type()
        {
            DiagnosticAssert.Reports(
                """
                using MultiTask;

                [MultiTaskModel(InputSize = 4)]
                public partial class Stitched
                {
                    [CrossStitch(Hidden = new[] { 8 })]
                    public partial Trunk [|Towers|] { get; }

                    [BinaryHead]
                    public partial Head Click { get; }

                    [BinaryHead]
                    public partial Head Conversion { get; }
                }
                """,
                new Expected("MTL0003", "'Towers' has [CrossStitch] but is of type 'MultiTask.Trunk'; declare it as 'public partial CrossStitchNetwork Towers { get; }'"));
        }
    }
}
