using System.Linq;
using Microsoft.CodeAnalysis;
using MultiTask.Generators.Tests.Infrastructure;
using Xunit;

namespace MultiTask.Generators.Tests
{
    /// <summary>Every diagnostic: ID, message and span; a run that reports anything not expected fails.</summary>
    public sealed class DiagnosticTests
    {
        private const string Declare = "declare the width of an input row, e.g. [MultiTaskModel(InputSize = 64)]";
        private const string ShapeAdvice = "declare it as a non-generic, non-static, non-abstract partial class without a base class";

        /// <summary>A model with <paramref name="members"/> and a valid binary head <c>Other</c>.</summary>
        private static string Model(string members) => $$"""
            using MultiTask;

            namespace Samples;

            [MultiTaskModel(InputSize = 4)]
            public partial class Model
            {
                {{members}}

                [BinaryHead]
                public partial Head Other { get; }
            }
            """;

        [Fact]
        public void MTL0001_model_class_not_partial()
        {
            DiagnosticAssert.Reports(
                """
                using MultiTask;

                [MultiTaskModel(InputSize = 4)]
                public class [|NotPartial|]
                {
                    [BinaryHead]
                    public partial Head Flag { get; }
                }
                """,
                new Expected("MTL0001", "Model class 'NotPartial' must be declared partial so that MultiTask can generate the rest of it"));
        }

        [Fact]
        public void MTL0002_model_without_heads()
        {
            DiagnosticAssert.Reports(
                """
                using MultiTask;

                [MultiTaskModel(InputSize = 4)]
                public partial class [|TrunkOnly|]
                {
                    [SharedTrunk(8)]
                    public partial Trunk Body { get; }
                }
                """,
                new Expected("MTL0002", "Model 'TrunkOnly' declares no task heads; add at least one, e.g. '[ClassificationHead(Classes = 10)] public partial Head Label { get; }'"));
        }

        [Fact]
        public void MTL0003_component_attribute_on_a_member_that_is_not_a_partial_property_of_the_right_type()
        {
            DiagnosticAssert.Reports(
                Model("""
                    [RegressionHead]
                    public Head [|NotPartial|] { get; } = null!;

                    [ClassificationHead(Classes = 3)]
                    public partial Trunk [|WrongType|] { get; }

                    [SharedTrunk(8)]
                    public partial Trunk [|Settable|] { get; set; }

                    [BinaryHead]
                    public static partial Head [|Static|] { get; }

                    [RegressionHead]
                    private Head? [|field|];

                    [BinaryHead]
                    public Head [|Method|]() => null!;
                    """),
                new Expected("MTL0003", "'NotPartial' has [RegressionHead] but is not a partial property; declare it as 'public partial Head NotPartial { get; }'"),
                new Expected("MTL0003", "'WrongType' has [ClassificationHead] but is of type 'MultiTask.Trunk'; declare it as 'public partial Head WrongType { get; }'"),
                new Expected("MTL0003", "'Settable' has [SharedTrunk] but is not get-only; declare it as 'public partial Trunk Settable { get; }'"),
                new Expected("MTL0003", "'Static' has [BinaryHead] but is static; declare it as 'public partial Head Static { get; }'"),
                new Expected("MTL0003", "'field' has [RegressionHead] but is a field; declare it as 'public partial Head field { get; }'"),
                new Expected("MTL0003", "'Method' has [BinaryHead] but is a method; declare it as 'public partial Head Method { get; }'"));
        }

        [Fact]
        public void MTL0004_input_size_missing()
        {
            DiagnosticAssert.Reports(
                """
                using MultiTask;

                [[|MultiTaskModel|]]
                public partial class NoSize
                {
                    [BinaryHead]
                    public partial Head Flag { get; }
                }
                """,
                new Expected("MTL0004", $"Model 'NoSize' does not declare InputSize; {Declare}"));
        }

        [Fact]
        public void MTL0004_input_size_not_positive()
        {
            DiagnosticAssert.Reports(
                """
                using MultiTask;

                [MultiTaskModel([|InputSize = -3|])]
                public partial class NegativeSize
                {
                    [BinaryHead]
                    public partial Head Flag { get; }
                }
                """,
                new Expected("MTL0004", $"Model 'NegativeSize' declares InputSize = -3, which is not positive; {Declare}"));
        }

        [Theory]
        [InlineData("[SharedTrunk(128, [|0|])] public partial Trunk Body { get; }", "'Body': hidden[1] = 0 is invalid; layer widths must be positive")]
        [InlineData("[SharedTrunk(new[] { 8, [|-1|] })] public partial Trunk Body { get; }", "'Body': hidden[1] = -1 is invalid; layer widths must be positive")]
        [InlineData("[[|SharedTrunk|]] public partial Trunk Body { get; }", "'Body': hidden = [] is invalid; a trunk needs at least one layer width, e.g. [SharedTrunk(128, 64)]")]
        [InlineData("[SharedTrunk(8, [|Dropout = 1|])] public partial Trunk Body { get; }", "'Body': Dropout = 1 is invalid; expected a probability in [0, 1)")]
        [InlineData("[SharedTrunk(8, [|Dropout = -0.5|])] public partial Trunk Body { get; }", "'Body': Dropout = -0.5 is invalid; expected a probability in [0, 1)")]
        [InlineData("[SharedTrunk(8, [|WeightDecay = -0.1|])] public partial Trunk Body { get; }", "'Body': WeightDecay = -0.1 is invalid; expected a finite number >= 0")]
        [InlineData("[SharedTrunk(8, [|Activation = (Activation)9|])] public partial Trunk Body { get; }", "'Body': Activation = 9 is invalid; expected one of ReLU, GELU, Tanh, SiLU")]
        [InlineData("[ClassificationHead([|Classes = 1|])] public partial Head Digit { get; }", "'Digit': Classes = 1 is invalid; a classification head needs at least 2 classes")]
        [InlineData("[[|ClassificationHead|]] public partial Head Digit { get; }", "'Digit': Classes = 0 (unset) is invalid; a classification head needs at least 2 classes, e.g. [ClassificationHead(Classes = 10)]")]
        [InlineData("[ClassificationHead(Classes = 3, [|LabelSmoothing = 1|])] public partial Head Digit { get; }", "'Digit': LabelSmoothing = 1 is invalid; expected a value in [0, 1)")]
        [InlineData("[ClassificationHead(Classes = 3, [|TopK = 0|])] public partial Head Digit { get; }", "'Digit': TopK = 0 is invalid; expected at least 1")]
        [InlineData("[BinaryHead([|Weight = -1|])] public partial Head Flag { get; }", "'Flag': Weight = -1 is invalid; expected a finite number >= 0")]
        [InlineData("[BinaryHead([|Weight = double.NaN|])] public partial Head Flag { get; }", "'Flag': Weight = NaN is invalid; expected a finite number >= 0")]
        [InlineData("[BinaryHead([|LearningRate = -0.001|])] public partial Head Flag { get; }", "'Flag': LearningRate = -0.001 is invalid; expected a finite number >= 0")]
        [InlineData("[BinaryHead([|WeightDecay = -1e-5|])] public partial Head Flag { get; }", "'Flag': WeightDecay = -1e-5 is invalid; expected a finite number >= 0")]
        [InlineData("[BinaryHead([|PositiveWeight = -2|])] public partial Head Flag { get; }", "'Flag': PositiveWeight = -2 is invalid; expected a finite number >= 0")]
        [InlineData("[BinaryHead([|Threshold = 1|])] public partial Head Flag { get; }", "'Flag': Threshold = 1 is invalid; expected a probability in (0, 1)")]
        [InlineData("[BinaryHead([|Threshold = 0|])] public partial Head Flag { get; }", "'Flag': Threshold = 0 is invalid; expected a probability in (0, 1)")]
        [InlineData("[RegressionHead([|Outputs = 0|])] public partial Head Value { get; }", "'Value': Outputs = 0 is invalid; a regression head predicts at least 1 value per row")]
        [InlineData("[RegressionHead([|HuberDelta = 0|])] public partial Head Value { get; }", "'Value': HuberDelta = 0 is invalid; expected a finite number > 0")]
        [InlineData("[RegressionHead([|Loss = (RegressionLoss)7|])] public partial Head Value { get; }", "'Value': Loss = 7 is invalid; expected one of Mse, L1, Huber")]
        [InlineData("[RegressionHead(Hidden = new[] { 4, [|0|] })] public partial Head Value { get; }", "'Value': Hidden[1] = 0 is invalid; layer widths must be positive")]
        [InlineData("[RegressionHead(Hidden = [[|-8|]])] public partial Head Value { get; }", "'Value': Hidden[0] = -8 is invalid; layer widths must be positive")]
        public void MTL0005_invalid_argument(string member, string message)
        {
            DiagnosticAssert.Reports(Model(member), new Expected("MTL0005", message));
        }

        [Fact]
        public void MTL0006_second_trunk()
        {
            DiagnosticAssert.Reports(
                Model("""
                    [SharedTrunk(8)]
                    public partial Trunk Body { get; }

                    [[|SharedTrunk(4)|]]
                    public partial Trunk Second { get; }
                    """),
                new Expected("MTL0006", "Model 'Model' declares a second shared trunk 'Second'; a model has at most one (the first is 'Body')"));
        }

        [Fact]
        public void MTL0007_names_equal_but_for_case()
        {
            DiagnosticAssert.Reports(
                Model("""
                    [SharedTrunk(8)]
                    public partial Trunk Flag { get; }

                    [RegressionHead]
                    public partial Head [|FLAG|] { get; }
                    """),
                new Expected("MTL0007", "'FLAG' collides with 'Flag': both become the field and state-dict prefix 'flag'; rename one of them"));
        }

        [Fact]
        public void MTL0008_containing_type_not_partial()
        {
            DiagnosticAssert.Reports(
                """
                using MultiTask;

                public class [|Outer|]
                {
                    [MultiTaskModel(InputSize = 4)]
                    public partial class Inner
                    {
                        [BinaryHead]
                        public partial Head Flag { get; }
                    }
                }
                """,
                new Expected("MTL0008", "Type 'Outer' contains the model 'Inner' and must be declared partial"));
        }

        [Theory]
        [InlineData("public static partial class [|Model|]", "static")]
        [InlineData("public abstract partial class [|Model|]", "abstract")]
        [InlineData("public partial class [|Model|]<T>", "generic")]
        [InlineData("public partial record [|Model|]", "a record")]
        [InlineData("file partial class [|Model|]", "file-local")]
        [InlineData("public partial class [|Model|] : Base", "derived from 'Samples.Base' (MultiTask supplies the base class)")]
        [InlineData("public partial class Outer<T> { [MultiTaskModel(InputSize = 4)] public partial class [|Model|]", "nested in the generic type 'Samples.Outer<T>'")]
        public void MTL0009_unsupported_model_class(string declaration, string reason)
        {
            bool nested = declaration.StartsWith("public partial class Outer", System.StringComparison.Ordinal);
            DiagnosticAssert.Reports(
                $$"""
                using MultiTask;

                namespace Samples;

                public class Base { }

                {{(nested ? "" : "[MultiTaskModel(InputSize = 4)]")}}
                {{declaration}}
                {
                    [BinaryHead]
                    public partial Head Flag { get; }
                }
                {{(nested ? "}" : "")}}
                """,
                new Expected("MTL0009", $"Model class 'Model' cannot be {reason}; {ShapeAdvice}"));
        }

        [Theory]
        [InlineData("Total", "the generated record 'Losses' already has a member 'Total'")]
        [InlineData("Loss", "the generated record 'Metrics' already has a member 'Loss'")]
        [InlineData("Outputs", "the generated model already has a member 'Outputs'")]
        [InlineData("Epochs", "the generated 'TrainingOptions' inherits a member 'Epochs'")]
        [InlineData("ToString", "every generated record already has a member 'ToString'")]
        [InlineData("flag", "its field would be named 'flag' too (names start with an upper-case letter)")]
        [InlineData("OtherTask", "the generated model has a static field 'OtherTask' for the task 'Other'")]
        [InlineData("Parameters", "its field 'parameters' would hide the member 'parameters' of TorchSharp's nn.Module")]
        public void MTL0010_name_collides_with_a_generated_member(string name, string reason)
        {
            DiagnosticAssert.Reports(
                Model($$"""
                    [RegressionHead]
                    public partial Head [|{{name}}|] { get; }
                    """),
                new Expected("MTL0010", $"'{name}' cannot be used as a trunk or head name: {reason}; rename it"));
        }

        [Fact]
        public void MTL0011_two_component_attributes_on_one_property()
        {
            DiagnosticAssert.Reports(
                Model("""
                    [SharedTrunk(8)]
                    [[|RegressionHead|]]
                    public partial Head Both { get; }
                    """),
                new Expected("MTL0011", "'Both' has both [SharedTrunk] and [RegressionHead]; a property is one trunk or one head"));
        }

        [Fact]
        public void MTL0012_zero_weight_is_a_warning_and_the_model_is_generated()
        {
            GeneratorRun run = DiagnosticAssert.Reports(
                Model("""
                    [BinaryHead([|Weight = 0|])]
                    public partial Head Flag { get; }
                    """),
                new Expected("MTL0012", "Task 'Flag' has Weight = 0: its loss does not reach the total, so its head never trains"));

            Assert.Equal(DiagnosticSeverity.Warning, run.GeneratorDiagnostics.Single().Severity);
            Assert.Contains("0 * flagLoss + otherLoss", run.SingleSource, System.StringComparison.Ordinal);
            Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", System.StringComparison.Ordinal) == true));
        }

        [Fact]
        public void MTL0012_can_be_disabled_with_a_pragma_at_the_argument()
        {
            GeneratorRun run = GeneratorHarness.Run(Model("""
                #pragma warning disable MTL0012 // Flag is trained by a later stage
                    [BinaryHead(Weight = 0)]
                    public partial Head Flag { get; }
                #pragma warning restore MTL0012
                """));

            Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "MTL0012" && !d.IsSuppressed);
            Assert.Single(run.Result.GeneratedSources);
        }

        [Fact]
        public void MTL0013_top_k_above_the_class_count()
        {
            DiagnosticAssert.Reports(
                Model("""
                    [ClassificationHead(Classes = 3, [|TopK = 5|])]
                    public partial Head Digit { get; }
                    """),
                new Expected("MTL0013", "'Digit': TopK = 5 exceeds Classes = 3; the top-k accuracy uses k = 3 and is always 1"));
        }

        [Fact]
        public void Every_error_of_a_model_is_reported_and_nothing_is_generated()
        {
            DiagnosticAssert.Reports(
                """
                using MultiTask;

                [MultiTaskModel([|InputSize = 0|])]
                public partial class Broken
                {
                    [SharedTrunk(8, [|Dropout = 2|])]
                    public partial Trunk Body { get; }

                    [ClassificationHead([|Classes = 1|], [|Weight = -1|])]
                    public partial Head Digit { get; }
                }
                """,
                new Expected("MTL0004", $"Model 'Broken' declares InputSize = 0, which is not positive; {Declare}"),
                new Expected("MTL0005", "'Body': Dropout = 2 is invalid; expected a probability in [0, 1)"),
                new Expected("MTL0005", "'Digit': Classes = 1 is invalid; a classification head needs at least 2 classes"),
                new Expected("MTL0005", "'Digit': Weight = -1 is invalid; expected a finite number >= 0"));
        }

        [Fact]
        public void A_batch_missing_a_task_target_does_not_compile()
        {
            GeneratorRun run = GeneratorHarness.Run(
                SnapshotCases.DigitModel,
                """
                using MultiTask;
                using TorchSharp;

                namespace Samples;

                public static class Usage
                {
                    public static DigitModel.Batch Make(torch.Tensor input, TaskTarget digit)
                        => new(input, new DigitModel.Targets(digit));
                }
                """);

            Diagnostic error = Assert.Single(run.CompilationDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
            Assert.Equal("CS7036", error.Id);
            Assert.Contains("IsEven", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        }
    }
}
