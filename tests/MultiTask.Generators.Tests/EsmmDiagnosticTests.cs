using System.Linq;
using Microsoft.CodeAnalysis;
using MultiTask.Generators.Tests.Infrastructure;
using Xunit;

namespace MultiTask.Generators.Tests
{
    /// <summary>What <c>[Esmm]</c> reports: the heads it names (MTL0054-MTL0057), one input per task (MTL0058) and its reserved names.</summary>
    public sealed class EsmmDiagnosticTests
    {
        /// <summary>A model with <paramref name="esmm"/> (the attribute's text), binary heads Click and Conversion and a regression head Dwell.</summary>
        private static string Model(string esmm, string modelArguments = "", string conversion = "BinaryHead", string more = "") => $$"""
            using MultiTask;

            namespace Samples;

            [MultiTaskModel(InputSize = 4{{modelArguments}})]
            [{{esmm}}]
            public partial class Shop
            {
                [SharedTrunk(8)]
                public partial Trunk Body { get; }

                [BinaryHead]
                public partial Head Click { get; }

                [{{conversion}}]
                public partial Head Conversion { get; }

                [RegressionHead]
                public partial Head Dwell { get; }
                {{more}}
            }
            """;

        [Theory]
        [InlineData("Esmm([|Click = \"Clicks\"|], Conversion = nameof(Conversion))", "Model 'Shop': [Esmm] Click = \"Clicks\" names no head; give the name of one of its heads (Click, Conversion, Dwell), e.g. with nameof")]
        [InlineData("Esmm([|Click = \"\"|], Conversion = nameof(Conversion))", "Model 'Shop': [Esmm] Click is empty; give the name of one of its heads (Click, Conversion, Dwell), e.g. with nameof")]
        [InlineData("[|Esmm(Click = nameof(Click))|]", "Model 'Shop': [Esmm] Conversion is not set; give the name of one of its heads (Click, Conversion, Dwell), e.g. with nameof")]
        public void MTL0054_names_no_head(string esmm, string message)
        {
            DiagnosticAssert.Reports(Model(esmm), new Expected("MTL0054", message));
        }

        [Fact]
        public void A_named_head_with_its_own_error_is_not_reported_again()
        {
            DiagnosticAssert.Reports(
                Model("Esmm(Click = nameof(Click), Conversion = nameof(Conversion))").Replace("public partial Head Conversion", "public partial Trunk [|Conversion|]"),
                new Expected("MTL0003", "'Conversion' has [BinaryHead] but is of type 'MultiTask.Trunk'; declare it as 'public partial Head Conversion { get; }'"));
        }

        [Fact]
        public void MTL0055_names_a_head_that_is_not_binary()
        {
            DiagnosticAssert.Reports(
                Model("Esmm(Click = nameof(Click), [|Conversion = nameof(Dwell)|])"),
                new Expected("MTL0055", "Model 'Shop': [Esmm] Conversion names 'Dwell', a [RegressionHead]; ESMM's click and conversion heads are [BinaryHead]s"));
        }

        [Fact]
        public void MTL0056_names_one_head_twice()
        {
            DiagnosticAssert.Reports(
                Model("Esmm(Click = nameof(Click), [|Conversion = nameof(Click)|])"),
                new Expected("MTL0056", "Model 'Shop': [Esmm] names 'Click' as both Click and Conversion; ESMM needs a click head and another conversion head"));
        }

        [Fact]
        public void MTL0057_positive_weight_on_the_conversion_head_is_a_warning_and_the_model_is_generated()
        {
            GeneratorRun run = DiagnosticAssert.Reports(
                Model("Esmm(Click = nameof(Click), Conversion = nameof(Conversion))", conversion: "[|BinaryHead(PositiveWeight = 4)|]"),
                new Expected("MTL0057", "'Conversion' is [Esmm]'s conversion head, whose loss is the click-and-conversion loss: its PositiveWeight = 4 is not applied; remove it (the click head's PositiveWeight applies to the click loss)"));

            Assert.Equal(DiagnosticSeverity.Warning, run.GeneratorDiagnostics.Single().Severity);
            Assert.Single(run.Result.GeneratedSources);
        }

        [Fact]
        public void MTL0058_one_input_per_task()
        {
            DiagnosticAssert.Reports(
                Model("[|Esmm(Click = nameof(Click), Conversion = nameof(Conversion))|]", modelArguments: ", InputPerTask = true"),
                new Expected("MTL0058", "Model 'Shop' takes one input per task, which [Esmm] does not support: the entire impression space is one input row per impression; remove InputPerTask or [Esmm]"));
        }

        [Fact]
        public void A_head_named_like_the_generated_prediction_member_collides()
        {
            DiagnosticAssert.Reports(
                Model("Esmm(Click = nameof(Click), Conversion = nameof(Conversion))", more: "[BinaryHead] public partial Head [|ClickAndConversion|] { get; }"),
                new Expected("MTL0010", "'ClickAndConversion' cannot be used as a trunk or head name: the generated record 'Predictions' already has a member 'ClickAndConversion'; rename it"));
        }
    }
}
