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

        /// <summary>Module types for the custom trunk and head tests, appended to a source in namespace <c>Samples</c>.</summary>
        private const string Modules = """


            public sealed class Encoder : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>
            {
                public Encoder(int inputSize, int outputSize) : base("Encoder") { }
                public override TorchSharp.torch.Tensor forward(TorchSharp.torch.Tensor input) => input;
            }

            public abstract class AbstractHead : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>
            {
                protected AbstractHead() : base("AbstractHead") { }
            }

            public sealed class WrongSignature : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor[]>
            {
                public WrongSignature() : base("WrongSignature") { }
                public override TorchSharp.torch.Tensor[] forward(TorchSharp.torch.Tensor input) => [input];
            }

            public sealed class NeedsName : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>
            {
                public NeedsName(string name) : base(name) { }
                public override TorchSharp.torch.Tensor forward(TorchSharp.torch.Tensor input) => input;
            }

            public sealed class NotAModule
            {
            }
            """;

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

                    [BinaryHead]
                    public partial Head? [|Maybe|] { get; }

                    [RegressionHead]
                    private Head? [|field|];

                    [BinaryHead]
                    public Head [|Method|]() => null!;

                    [BinaryHead]
                    public event System.Action? [|Changed|];
                    """),
                new Expected("MTL0003", "'NotPartial' has [RegressionHead] but is not a partial property; declare it as 'public partial Head NotPartial { get; }'"),
                new Expected("MTL0003", "'WrongType' has [ClassificationHead] but is of type 'MultiTask.Trunk'; declare it as 'public partial Head WrongType { get; }'"),
                new Expected("MTL0003", "'Settable' has [SharedTrunk] but is not get-only; declare it as 'public partial Trunk Settable { get; }'"),
                new Expected("MTL0003", "'Static' has [BinaryHead] but is static; declare it as 'public partial Head Static { get; }'"),
                new Expected("MTL0003", "'Maybe' has [BinaryHead] but is of the nullable type 'MultiTask.Head?'; declare it as 'public partial Head Maybe { get; }'"),
                new Expected("MTL0003", "'field' has [RegressionHead] but is a field; declare it as 'public partial Head field { get; }'"),
                new Expected("MTL0003", "'Method' has [BinaryHead] but is a method; declare it as 'public partial Head Method { get; }'"),
                new Expected("MTL0003", "'Changed' has [BinaryHead] but is an event; declare it as 'public partial Head Changed { get; }'"));
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
        [InlineData("[SharedTrunk(8, [|Dropout = 1|])] public partial Trunk Body { get; }", "'Body': Dropout = 1 is invalid; expected a probability in [0, 1)")]
        [InlineData("[SharedTrunk(8, [|Dropout = -0.5|])] public partial Trunk Body { get; }", "'Body': Dropout = -0.5 is invalid; expected a probability in [0, 1)")]
        [InlineData("[SharedTrunk(8, [|WeightDecay = -0.1|])] public partial Trunk Body { get; }", "'Body': WeightDecay = -0.1 is invalid; expected a finite number >= 0")]
        [InlineData("[ClassificationHead([|Classes = 1|])] public partial Head Digit { get; }", "'Digit': Classes = 1 is invalid; one class leaves nothing to predict: a classification head needs at least 2 classes (for a yes/no task use [BinaryHead])")]
        [InlineData("[ClassificationHead([|Classes = -4|])] public partial Head Digit { get; }", "'Digit': Classes = -4 is invalid; a classification head needs at least 2 classes")]
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
        [InlineData("[AutoencoderTrunk(2, [|ReconstructionWeight = -1|])] public partial AutoencoderTrunk Code { get; }", "'Code': ReconstructionWeight = -1 is invalid; expected a finite number >= 0")]
        [InlineData("[AutoencoderTrunk(2, [|Dropout = 1.5|])] public partial AutoencoderTrunk Code { get; }", "'Code': Dropout = 1.5 is invalid; expected a probability in [0, 1)")]
        [InlineData("[MixtureOfExperts([|Experts = 0|], Hidden = new[] { 8 })] public partial MixtureOfExperts Experts { get; }", "'Experts': Experts = 0 is invalid; expected at least 1")]
        [InlineData("[ProgressiveLayeredExtraction([|SharedExperts = 0|], Hidden = new[] { 8 })] public partial ProgressiveLayeredExtraction Levels { get; }", "'Levels': SharedExperts = 0 is invalid; expected at least 1")]
        [InlineData("[ProgressiveLayeredExtraction(SharedExperts = 1, [|TaskExperts = -1|], Hidden = new[] { 8 })] public partial ProgressiveLayeredExtraction Levels { get; }", "'Levels': TaskExperts = -1 is invalid; expected 0 or more experts of each task's own")]
        [InlineData("[ProgressiveLayeredExtraction(SharedExperts = 1, Hidden = new[] { 8 }, [|Levels = 0|])] public partial ProgressiveLayeredExtraction Levels { get; }", "'Levels': Levels = 0 is invalid; expected at least 1 level (1 is CGC)")]
        public void MTL0005_invalid_argument(string member, string message)
        {
            DiagnosticAssert.Reports(Model(member) + Modules, new Expected("MTL0005", message));
        }

        [Theory]
        [InlineData("[SharedTrunk(128, [|0|])] public partial Trunk Body { get; }", "'Body': hidden[1] = 0 is not a positive width; give every layer at least 1 unit")]
        [InlineData("[SharedTrunk(new[] { 8, [|-1|] })] public partial Trunk Body { get; }", "'Body': hidden[1] = -1 is not a positive width; give every layer at least 1 unit")]
        [InlineData("[RegressionHead(Hidden = new[] { 4, [|0|] })] public partial Head Value { get; }", "'Value': Hidden[1] = 0 is not a positive width; give every layer at least 1 unit")]
        [InlineData("[RegressionHead(Hidden = [[|-8|]])] public partial Head Value { get; }", "'Value': Hidden[0] = -8 is not a positive width; give every layer at least 1 unit")]
        [InlineData("[AutoencoderTrunk([|0|], 8)] public partial AutoencoderTrunk Code { get; }", "'Code': Latent = 0 is not a positive width; give the latent code at least 1 unit")]
        [InlineData("[AutoencoderTrunk(2, 8, [|-4|])] public partial AutoencoderTrunk Code { get; }", "'Code': Hidden[1] = -4 is not a positive width; give every layer at least 1 unit")]
        [InlineData("[AutoencoderTrunk(Latent = 2, Hidden = new[] { [|0|] })] public partial AutoencoderTrunk Code { get; }", "'Code': Hidden[0] = 0 is not a positive width; give every layer at least 1 unit")]
        [InlineData("[MixtureOfExperts(Experts = 3, Hidden = new[] { 8, [|-2|] })] public partial MixtureOfExperts Experts { get; }", "'Experts': Hidden[1] = -2 is not a positive width; give every layer at least 1 unit")]
        [InlineData("[SharedTrunk(typeof(Encoder), [|OutputSize = -1|])] public partial Encoder Body { get; }", "'Body': OutputSize = -1 is not a positive width; give the trunk's output at least 1 unit")]
        public void MTL0050_width_not_positive(string member, string message)
        {
            DiagnosticAssert.Reports(Model(member) + Modules, new Expected("MTL0050", message));
        }

        [Theory]
        [InlineData("[[|SharedTrunk|]] public partial Trunk Body { get; }", "'Body': hidden is required; a trunk needs at least one layer width, e.g. [SharedTrunk(128, 64)]")]
        [InlineData("[[|ClassificationHead|]] public partial Head Digit { get; }", "'Digit': Classes is required; a classification head needs at least 2 classes, e.g. [ClassificationHead(Classes = 10)]")]
        [InlineData("[[|AutoencoderTrunk(Hidden = new[] { 8 })|]] public partial AutoencoderTrunk Code { get; }", "'Code': Latent is required; declare the width of the latent code, e.g. [AutoencoderTrunk(8, 32)]")]
        [InlineData("[[|MixtureOfExperts(Hidden = new[] { 8 })|]] public partial MixtureOfExperts Experts { get; }", "'Experts': Experts is required; a mixture needs at least 1 expert, e.g. [MixtureOfExperts(Experts = 4, Hidden = new[] { 32 })]")]
        [InlineData("[[|MixtureOfExperts(Experts = 3)|]] public partial MixtureOfExperts Experts { get; }", "'Experts': Hidden is required; experts need at least one layer width, e.g. Hidden = new[] { 32 }")]
        [InlineData("[ProgressiveLayeredExtraction(SharedExperts = 1, [|Hidden = new int[0]|])] public partial ProgressiveLayeredExtraction Levels { get; }", "'Levels': Hidden is required; experts need at least one layer width, e.g. Hidden = new[] { 32 }")]
        [InlineData("[[|SharedTrunk(typeof(Encoder))|]] public partial Encoder Body { get; }", "'Body': OutputSize is required; a custom trunk declares the width of its output, e.g. [SharedTrunk(typeof(MyEncoder), OutputSize = 32)]")]
        [InlineData("[SharedTrunk([|(System.Type)null!|], OutputSize = 8)] public partial Encoder Body { get; }", "'Body': module is required; give the module's type, e.g. [SharedTrunk(typeof(MyEncoder), OutputSize = 32)]")]
        public void MTL0051_required_argument_missing(string member, string message)
        {
            DiagnosticAssert.Reports(Model(member) + Modules, new Expected("MTL0051", message));
        }

        [Theory]
        [InlineData("[AutoencoderTrunk(2, 8, [|Latent = 3|])] public partial AutoencoderTrunk Code { get; }", "'Code': Latent = 3 does not apply: it is already given to the constructor; remove it")]
        [InlineData("[SharedTrunk(typeof(Encoder), OutputSize = 8, [|Dropout = 0.1|])] public partial Encoder Body { get; }", "'Body': Dropout = 0.1 does not apply: a custom trunk module builds its own layers; remove it")]
        [InlineData("[SharedTrunk(8, [|OutputSize = 8|])] public partial Trunk Body { get; }", "'Body': OutputSize = 8 does not apply: only a custom trunk module (typeof) declares its output width; an MLP trunk's is its last layer width; remove it")]
        [InlineData("[RegressionHead(Module = typeof(Encoder), [|Hidden = new[] { 4 }|])] public partial Encoder Value { get; }", "'Value': Hidden = new[] { 4 } does not apply: a custom head module builds its own layers; remove it")]
        public void MTL0052_argument_does_not_apply(string member, string message)
        {
            DiagnosticAssert.Reports(Model(member) + Modules, new Expected("MTL0052", message));
        }

        [Theory]
        [InlineData("[SharedTrunk(8, [|Activation = (Activation)9|])] public partial Trunk Body { get; }", "'Body': Activation = 9 is not a declared value; use one of ReLU, GELU, Tanh, SiLU")]
        [InlineData("[RegressionHead([|Loss = (RegressionLoss)7|])] public partial Head Value { get; }", "'Value': Loss = 7 is not a declared value; use one of Mse, L1, Huber")]
        public void MTL0053_undeclared_enum_value(string member, string message)
        {
            DiagnosticAssert.Reports(Model(member) + Modules, new Expected("MTL0053", message));
        }

        [Fact]
        public void MTL0005_negative_soft_sharing_lambda()
        {
            DiagnosticAssert.Reports(
                """
                using MultiTask;

                [MultiTaskModel(InputSize = 4)]
                [SoftSharing([|Lambda = -0.1|])]
                public partial class Soft
                {
                    [RegressionHead(Hidden = new[] { 8 })]
                    public partial Head A { get; }

                    [RegressionHead(Hidden = new[] { 8 })]
                    public partial Head B { get; }
                }
                """,
                new Expected("MTL0005", "'Soft': Lambda = -0.1 is invalid; expected a finite number >= 0"));
        }

        [Fact]
        public void MTL0003_custom_module_property_of_another_type()
        {
            DiagnosticAssert.Reports(
                Model("""
                    [SharedTrunk(typeof(Encoder), OutputSize = 8)]
                    public partial Trunk [|Body|] { get; }
                    """) + Modules,
                new Expected("MTL0003", "'Body' has [SharedTrunk] but is of type 'MultiTask.Trunk'; declare it as 'public partial Samples.Encoder Body { get; }'"));
        }

        [Fact]
        public void MTL0021_soft_sharing_with_a_trunk_or_a_single_head()
        {
            DiagnosticAssert.Reports(
                """
                using MultiTask;

                [MultiTaskModel(InputSize = 4)]
                [[|SoftSharing(Lambda = 0.1)|]]
                public partial class WithTrunk
                {
                    [SharedTrunk(8)]
                    public partial Trunk Body { get; }

                    [RegressionHead(Hidden = new[] { 8 })]
                    public partial Head A { get; }

                    [RegressionHead(Hidden = new[] { 8 })]
                    public partial Head B { get; }
                }

                [MultiTaskModel(InputSize = 4)]
                [[|SoftSharing|]]
                public partial class OneHead
                {
                    [RegressionHead(Hidden = new[] { 8 })]
                    public partial Head A { get; }
                }
                """,
                new Expected("MTL0021", "Model 'WithTrunk' has [SoftSharing] and the shared component 'Body'; soft sharing gives every task its own tower from the input, so remove one of them"),
                new Expected("MTL0021", "Model 'OneHead' has [SoftSharing] but only one head; soft sharing pulls the towers of two or more heads together"));
        }

        [Fact]
        public void MTL0022_soft_sharing_head_without_a_tower()
        {
            DiagnosticAssert.Reports(
                """
                using MultiTask;

                namespace Samples;

                [MultiTaskModel(InputSize = 4)]
                [SoftSharing]
                public partial class Soft
                {
                    [RegressionHead(Hidden = new[] { 8 })]
                    public partial Head A { get; }

                    [[|BinaryHead|]]
                    public partial Head B { get; }

                    [BinaryHead([|Module = typeof(Encoder)|])]
                    public partial Encoder C { get; }
                }
                """ + Modules,
                new Expected("MTL0022", "'B' takes part in soft sharing but has no tower (Hidden); give every head a tower of the same widths, e.g. Hidden = new[] { 16 }"),
                new Expected("MTL0022", "'C' takes part in soft sharing but is a custom module, which has no tower; give every head a tower of the same widths, e.g. Hidden = new[] { 16 }"));
        }

        [Fact]
        public void MTL0023_soft_sharing_towers_of_different_widths()
        {
            DiagnosticAssert.Reports(
                """
                using MultiTask;

                [MultiTaskModel(InputSize = 4)]
                [SoftSharing(Lambda = 0.01)]
                public partial class Soft
                {
                    [RegressionHead(Hidden = new[] { 8, 4 })]
                    public partial Head A { get; }

                    [RegressionHead([|Hidden = new[] { 8 }|], Activation = Activation.Tanh)]
                    public partial Head B { get; }
                }
                """,
                new Expected("MTL0023", "'B' has the tower [8] but 'A' has [8, 4]; soft sharing pulls corresponding parameters together, so every tower needs the same widths"));
        }

        [Fact]
        public void MTL0024_custom_module_type_that_does_not_fit()
        {
            DiagnosticAssert.Reports(
                Model("""
                    [SharedTrunk([|typeof(NotAModule)|], OutputSize = 8)]
                    public partial NotAModule Body { get; }

                    [RegressionHead([|Module = typeof(AbstractHead)|])]
                    public partial AbstractHead Value { get; }

                    [RegressionHead([|Module = typeof(WrongSignature)|])]
                    public partial WrongSignature Count { get; }
                    """) + Modules,
                new Expected("MTL0024", "'Body': typeof(Samples.NotAModule) does not derive from nn.Module<Tensor, Tensor>; a custom trunk or head must be a non-abstract, non-generic class deriving from TorchSharp's nn.Module<Tensor, Tensor>"),
                new Expected("MTL0024", "'Value': typeof(Samples.AbstractHead) is abstract; a custom trunk or head must be a non-abstract, non-generic class deriving from TorchSharp's nn.Module<Tensor, Tensor>"),
                new Expected("MTL0024", "'Count': typeof(Samples.WrongSignature) does not derive from nn.Module<Tensor, Tensor>; a custom trunk or head must be a non-abstract, non-generic class deriving from TorchSharp's nn.Module<Tensor, Tensor>"));
        }

        [Fact]
        public void MTL0025_custom_module_without_a_usable_constructor()
        {
            DiagnosticAssert.Reports(
                Model("""
                    [SharedTrunk([|typeof(NeedsName)|], OutputSize = 8)]
                    public partial NeedsName Body { get; }
                    """) + Modules,
                new Expected("MTL0025", "'Body': Samples.NeedsName has no public constructor (int inputSize, int outputSize) and no public parameterless constructor; add one of them"));
        }

        [Fact]
        public void MTL0026_one_input_per_task_with_an_expert_layer()
        {
            DiagnosticAssert.Reports(
                """
                using MultiTask;

                [MultiTaskModel(InputSize = 4, InputPerTask = true)]
                public partial class PerTask
                {
                    [[|MixtureOfExperts(Experts = 2, Hidden = new[] { 8 })|]]
                    public partial MixtureOfExperts Experts { get; }

                    [BinaryHead]
                    public partial Head A { get; }

                    [BinaryHead]
                    public partial Head B { get; }
                }
                """,
                new Expected("MTL0026", "Model 'PerTask' takes one input per task, which [MixtureOfExperts] 'Experts' does not support; use [SharedTrunk], soft sharing or no shared component"));
        }

        [Fact]
        public void MTL0027_second_loss_weighting()
        {
            DiagnosticAssert.Reports(
                """
                using MultiTask;

                [MultiTaskModel(InputSize = 4)]
                [UncertaintyWeighting]
                [[|StaticWeighting|]]
                public partial class Twice
                {
                    [SharedTrunk(8)]
                    public partial Trunk Body { get; }

                    [BinaryHead]
                    public partial Head Flag { get; }

                    [RegressionHead]
                    public partial Head Value { get; }
                }
                """,
                new Expected("MTL0027", "Model 'Twice' has a second loss weighting [StaticWeighting]; a model trains with one (the first is [UncertaintyWeighting])"));
        }

        [Fact]
        public void MTL0028_weighting_needs_a_shared_component()
        {
            DiagnosticAssert.Reports(
                """
                using MultiTask;

                namespace Samples;

                [MultiTaskModel(InputSize = 4)]
                [[|NeedsShared|]]
                public partial class Linear
                {
                    [BinaryHead]
                    public partial Head Flag { get; }

                    [RegressionHead]
                    public partial Head Value { get; }
                }

                [MultiTaskModel(InputSize = 4)]
                [SoftSharing(Lambda = 0.05)]
                [[|NeedsBoth|]]
                public partial class Soft
                {
                    [RegressionHead(Hidden = new[] { 8 })]
                    public partial Head Weight { get; }

                    [RegressionHead(Hidden = new[] { 8 })]
                    public partial Head Waist { get; }
                }
                """ + Weightings,
                new Expected("MTL0028", "Model 'Linear' has [NeedsShared], which needs parameters shared by the tasks, but it has no shared component; declare a [SharedTrunk], [AutoencoderTrunk], [MixtureOfExperts], [ProgressiveLayeredExtraction] or [CrossStitch], or use another loss weighting"),
                new Expected("MTL0028", "Model 'Soft' has [NeedsBoth], which needs parameters shared by the tasks and a representation the heads share, but its tasks share no module (soft sharing gives each task its own tower); declare a [SharedTrunk], [AutoencoderTrunk], [MixtureOfExperts], [ProgressiveLayeredExtraction] or [CrossStitch], or use another loss weighting"));
        }

        [Fact]
        public void MTL0029_loss_weighting_attribute_without_a_usable_runtime_class()
        {
            DiagnosticAssert.Reports(
                WeightedModels(
                    ("A", "[|NoMethod|]"),
                    ("B", "[|Missing|]"),
                    ("C", "[|WrongBase|]"),
                    ("D", "[|Abstract|]"),
                    ("E", "[|NoTasks|]"),
                    ("F", "[|Positional(2)|]"),
                    ("G", "Scaled([|Gamma = 2|])"),
                    ("H", "Scaled([|Alpha = 1.5|])"),
                    ("I", "Scaled([|Steps = 3|])"),
                    ("J", "[|UnknownNeed|]"),
                    ("K", "[|Strict|]")),
                new Expected("MTL0029", "[NoMethod] cannot train model 'A': its class 'Samples.NoMethodAttribute' has no [WeightingMethod(\"Namespace.Class\")] naming the runtime class that implements the method"),
                new Expected("MTL0029", "[Missing] cannot train model 'B': the runtime class 'Samples.Missing' named by its [WeightingMethod] is not in the compilation; give the full name of a class in a referenced assembly"),
                new Expected("MTL0029", "[WrongBase] cannot train model 'C': 'Samples.NotAWeighting' is not a class deriving from MultiTask.LossWeighting"),
                new Expected("MTL0029", "[Abstract] cannot train model 'D': 'Samples.AbstractWeighting' is abstract"),
                new Expected("MTL0029", "[NoTasks] cannot train model 'E': 'Samples.NoTasks' has no public constructor (IReadOnlyList<TaskDefinition> tasks) that takes the model's tasks"),
                new Expected("MTL0029", "[Positional] cannot train model 'F': it is given constructor arguments, which the generated code cannot pass to 'Samples.Scaled'; make each setting a settable property of the attribute and of 'Samples.Scaled'"),
                new Expected("MTL0029", "[Scaled] cannot train model 'G': 'Samples.Scaled' has no public settable property 'Gamma' for Gamma = 2"),
                new Expected("MTL0029", "[Scaled] cannot train model 'H': 'Samples.Scaled.Alpha' is of type 'int', which Alpha = 1.5 (of type 'double') does not convert to"),
                new Expected("MTL0029", "[Scaled] cannot train model 'I': Steps = 3 is of type 'long', which the generated code cannot write; use double, int, bool, string or an enum"),
                new Expected("MTL0029", "[UnknownNeed] cannot train model 'J': its [WeightingMethod] requires 8, which is none of the requirements this version of MultiTask checks (SharedParameters, SharedRepresentation, SharedLayer)"),
                new Expected("MTL0029", "[Strict] cannot train model 'K': 'Samples.StrictWeighting' has the required member 'Beta', which [Strict] does not set"));
        }

        [Fact]
        public void MTL0030_weighting_setting_out_of_range()
        {
            DiagnosticAssert.Reports(
                WeightedModels(
                    ("A", "Dwa([|Temperature = 0|])"),
                    ("B", "Dwa([|Temperature = double.PositiveInfinity|])"),
                    ("C", "CAGrad([|C = 1|])"),
                    ("D", "CAGrad([|C = -0.1|])"),
                    ("E", "DbMtl([|Beta = 1.5|], BetaSigma = 0.5)"),
                    ("F", "DbMtl(Beta = 0.5, [|BetaSigma = -1|])"),
                    ("G", "DbMtl([|BetaSigma = double.NaN|])"),
                    ("H", "Ranged([|Window = 0|], Rate = 0.5)"),
                    ("I", "Ranged([|Rate = 2|])"),
                    ("J", "Ranged([|Cap = 10|])"),
                    ("K", "GradNorm([|Alpha = -1|])"),
                    ("L", "Famo([|LearningRate = 0|], WeightDecay = 0.01)"),
                    ("M", "Famo([|WeightDecay = -0.001|])")),
                new Expected("MTL0030", "[Dwa] on model 'A': Temperature = 0 is out of range; Temperature must be a finite number greater than 0"),
                new Expected("MTL0030", "[Dwa] on model 'B': Temperature = double.PositiveInfinity (Infinity) is out of range; Temperature must be a finite number greater than 0"),
                new Expected("MTL0030", "[CAGrad] on model 'C': C = 1 is out of range; C must be in [0, 1)"),
                new Expected("MTL0030", "[CAGrad] on model 'D': C = -0.1 is out of range; C must be in [0, 1)"),
                new Expected("MTL0030", "[DbMtl] on model 'E': Beta = 1.5 is out of range; Beta must be in [0, 1)"),
                new Expected("MTL0030", "[DbMtl] on model 'F': BetaSigma = -1 is out of range; BetaSigma must be a finite number of at least 0"),
                new Expected("MTL0030", "[DbMtl] on model 'G': BetaSigma = double.NaN (NaN) is out of range; BetaSigma must be a finite number of at least 0"),
                new Expected("MTL0030", "[Ranged] on model 'H': Window = 0 is out of range; Window must be a finite number of at least 1"),
                new Expected("MTL0030", "[Ranged] on model 'I': Rate = 2 is out of range; Rate must be in (0, 1]"),
                new Expected("MTL0030", "[Ranged] on model 'J': Cap = 10 is out of range; Cap must be a finite number less than 10"),
                new Expected("MTL0030", "[GradNorm] on model 'K': Alpha = -1 is out of range; Alpha must be a finite number of at least 0"),
                new Expected("MTL0030", "[Famo] on model 'L': LearningRate = 0 is out of range; LearningRate must be a finite number greater than 0"),
                new Expected("MTL0030", "[Famo] on model 'M': WeightDecay = -0.001 is out of range; WeightDecay must be a finite number of at least 0"));
        }

        [Fact]
        public void MTL0031_weighting_needs_a_last_shared_layer()
        {
            DiagnosticAssert.Reports(
                """
                using MultiTask;

                namespace Samples;

                [MultiTaskModel(InputSize = 4)]
                [[|GradNorm|]]
                public partial class Linear
                {
                    [BinaryHead]
                    public partial Head Flag { get; }

                    [RegressionHead]
                    public partial Head Value { get; }
                }

                [MultiTaskModel(InputSize = 4)]
                [SoftSharing(Lambda = 0.05)]
                [[|GradNorm(Alpha = 2)|]]
                public partial class Soft
                {
                    [RegressionHead(Hidden = new[] { 8 })]
                    public partial Head Weight { get; }

                    [RegressionHead(Hidden = new[] { 8 })]
                    public partial Head Waist { get; }
                }

                [MultiTaskModel(InputSize = 4)]
                [[|GradNorm|]]
                public partial class Mixture
                {
                    [MixtureOfExperts(Experts = 2, Hidden = new[] { 8 })]
                    public partial MixtureOfExperts Experts { get; }

                    [BinaryHead]
                    public partial Head Flag { get; }

                    [RegressionHead]
                    public partial Head Value { get; }
                }
                """,
                new Expected("MTL0031", "Model 'Linear' has [GradNorm], which needs a last layer every task shares, but it has no shared component; declare a [SharedTrunk] or an [AutoencoderTrunk], or use another loss weighting"),
                new Expected("MTL0031", "Model 'Soft' has [GradNorm], which needs a last layer every task shares, but its tasks share no module (soft sharing gives each task its own tower); declare a [SharedTrunk] or an [AutoencoderTrunk], or use another loss weighting"),
                new Expected("MTL0031", "Model 'Mixture' has [GradNorm], which needs a last layer every task shares, but its [MixtureOfExperts] 'Experts' ends in parallel experts that per-task gates mix; declare a [SharedTrunk] or an [AutoencoderTrunk], or use another loss weighting"));
        }

        [Fact]
        public void MTL0069_mgda_upper_bound_needs_one_representation_every_head_reads()
        {
            // Reported on the setting (a heads-only model on the attribute, for plain MGDA's own requirement).
            DiagnosticAssert.Reports(
                """
                using MultiTask;

                namespace Samples;

                [MultiTaskModel(InputSize = 4)]
                [Mgda([|UpperBound = true|])]
                public partial class Mixture
                {
                    [MixtureOfExperts(Experts = 2, Hidden = new[] { 8 })]
                    public partial MixtureOfExperts Experts { get; }

                    [BinaryHead]
                    public partial Head Click { get; }

                    [BinaryHead]
                    public partial Head Conversion { get; }
                }

                [MultiTaskModel(InputSize = 4)]
                [Mgda(Normalization = MgdaNormalization.L2, [|UpperBound = true|])]
                public partial class Levels
                {
                    [ProgressiveLayeredExtraction(SharedExperts = 1, TaskExperts = 1, Hidden = new[] { 8 })]
                    public partial ProgressiveLayeredExtraction Extraction { get; }

                    [BinaryHead]
                    public partial Head Click { get; }

                    [BinaryHead]
                    public partial Head Conversion { get; }
                }

                [MultiTaskModel(InputSize = 4, InputPerTask = true)]
                [Mgda([|UpperBound = true|])]
                public partial class PerTask
                {
                    [SharedTrunk(8)]
                    public partial Trunk Body { get; }

                    [BinaryHead]
                    public partial Head A { get; }

                    [RegressionHead]
                    public partial Head B { get; }
                }

                [MultiTaskModel(InputSize = 4)]
                [[|Mgda(UpperBound = true)|]]
                public partial class HeadsOnly
                {
                    [BinaryHead]
                    public partial Head Click { get; }

                    [BinaryHead]
                    public partial Head Conversion { get; }
                }
                """,
                new Expected("MTL0069", "Model 'Mixture' has [Mgda(UpperBound = true)], which needs one representation every head reads, but its [MixtureOfExperts] 'Experts' gives each head a representation of its own; declare a [SharedTrunk] or an [AutoencoderTrunk] over one shared input, or use another loss weighting"),
                new Expected("MTL0069", "Model 'Levels' has [Mgda(UpperBound = true)], which needs one representation every head reads, but its [ProgressiveLayeredExtraction] 'Extraction' gives each head a representation of its own; declare a [SharedTrunk] or an [AutoencoderTrunk] over one shared input, or use another loss weighting"),
                new Expected("MTL0069", "Model 'PerTask' has [Mgda(UpperBound = true)], which needs one representation every head reads, but its [SharedTrunk] 'Body' runs once on each task's input (InputPerTask = true); declare a [SharedTrunk] or an [AutoencoderTrunk] over one shared input, or use another loss weighting"),
                new Expected("MTL0028", "Model 'HeadsOnly' has [Mgda], which needs parameters shared by the tasks, but it has no shared component; declare a [SharedTrunk], [AutoencoderTrunk], [MixtureOfExperts], [ProgressiveLayeredExtraction] or [CrossStitch], or use another loss weighting"));
        }

        [Fact]
        public void Mgda_upper_bound_over_one_representation_and_plain_mgda_over_experts_compile()
        {
            GeneratorRun run = GeneratorHarness.Run(
                """
                using MultiTask;

                namespace Samples;

                [MultiTaskModel(InputSize = 4)]
                [Mgda(UpperBound = false)]
                public partial class PlainMixture
                {
                    [MixtureOfExperts(Experts = 2, Hidden = new[] { 8 })]
                    public partial MixtureOfExperts Experts { get; }

                    [BinaryHead]
                    public partial Head Click { get; }

                    [BinaryHead]
                    public partial Head Conversion { get; }
                }

                [MultiTaskModel(InputSize = 4)]
                [Mgda(UpperBound = true)]
                public partial class Shared
                {
                    [SharedTrunk(8)]
                    public partial Trunk Body { get; }

                    [BinaryHead]
                    public partial Head Click { get; }

                    [BinaryHead]
                    public partial Head Conversion { get; }
                }

                [MultiTaskModel(InputSize = 4)]
                [Mgda(UpperBound = true)]
                public partial class Encoded
                {
                    [AutoencoderTrunk(Hidden = new[] { 8 }, Latent = 3)]
                    public partial AutoencoderTrunk Encoder { get; }

                    [BinaryHead]
                    public partial Head Click { get; }

                    [BinaryHead]
                    public partial Head Conversion { get; }
                }
                """);

            Assert.Empty(run.GeneratorDiagnostics);
            Diagnostic[] errors = run.CompilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
            Assert.True(errors.Length == 0, string.Join("\n", errors.Select(d => d.ToString())));
        }

        /// <summary>Models named <c>Name</c>, each with a trunk, two heads and the weighting attribute <c>Attribute</c> (markers included), then <see cref="Weightings"/>.</summary>
        private static string WeightedModels(params (string Name, string Attribute)[] models)
            => "using MultiTask;\n\nnamespace Samples;\n" + string.Concat(models.Select(m => $$"""

                [MultiTaskModel(InputSize = 4)]
                [{{m.Attribute}}]
                public partial class {{m.Name}}
                {
                    [SharedTrunk(8)]
                    public partial Trunk Body { get; }

                    [BinaryHead]
                    public partial Head Flag { get; }

                    [RegressionHead]
                    public partial Head Value { get; }
                }

                """)) + Weightings;

        /// <summary>Loss weighting attributes and runtime classes for MTL0028 to MTL0030, appended to a source in namespace <c>Samples</c>.</summary>
        private const string Weightings = """


            public sealed class NoMethodAttribute : LossWeightingAttribute { }

            [WeightingMethod("Samples.Missing")]
            public sealed class MissingAttribute : LossWeightingAttribute { }

            [WeightingMethod("Samples.NotAWeighting")]
            public sealed class WrongBaseAttribute : LossWeightingAttribute { }

            [WeightingMethod("Samples.AbstractWeighting")]
            public sealed class AbstractAttribute : LossWeightingAttribute { }

            [WeightingMethod("Samples.NoTasks")]
            public sealed class NoTasksAttribute : LossWeightingAttribute { }

            [WeightingMethod("Samples.Scaled")]
            public sealed class PositionalAttribute : LossWeightingAttribute
            {
                public PositionalAttribute(int steps) => Steps = steps;
                public int Steps { get; }
            }

            [WeightingMethod("Samples.Scaled")]
            public sealed class ScaledAttribute : LossWeightingAttribute
            {
                public double Alpha { get; set; }
                public long Steps { get; set; }
                public int Gamma { get; set; }
            }

            [WeightingMethod("Samples.Scaled", Requires = (WeightingRequirements)8)]
            public sealed class UnknownNeedAttribute : LossWeightingAttribute { }

            [WeightingMethod("Samples.Scaled", Requires = WeightingRequirements.SharedParameters)]
            public sealed class NeedsSharedAttribute : LossWeightingAttribute { }

            [WeightingMethod("Samples.Scaled", Requires = WeightingRequirements.SharedParameters | WeightingRequirements.SharedRepresentation)]
            public sealed class NeedsBothAttribute : LossWeightingAttribute { }

            [WeightingMethod("Samples.StrictWeighting")]
            public sealed class StrictAttribute : LossWeightingAttribute { }

            public class RangedBaseAttribute : LossWeightingAttribute
            {
                [SettingRange(Maximum = 10, MaximumExclusive = true)]
                public double Cap { get; set; }
            }

            [WeightingMethod("Samples.RangedWeighting")]
            public sealed class RangedAttribute : RangedBaseAttribute
            {
                [SettingRange(Minimum = 1)]
                public int Window { get; set; }

                [SettingRange(Minimum = 0, MinimumExclusive = true, Maximum = 1)]
                public double Rate { get; set; }
            }

            public sealed class RangedWeighting(System.Collections.Generic.IReadOnlyList<TaskDefinition> tasks) : LossWeighting("Ranged", tasks)
            {
                public int Window { get; init; }
                public double Rate { get; init; }
                public double Cap { get; init; }
                public override TorchSharp.torch.Tensor Backward(TaskStep step, TaskGradients gradients) => step.Total;
            }

            public sealed class NotAWeighting { }

            public sealed class StrictWeighting(System.Collections.Generic.IReadOnlyList<TaskDefinition> tasks) : LossWeighting("Strict", tasks)
            {
                public required double Beta { get; init; }
                public override TorchSharp.torch.Tensor Backward(TaskStep step, TaskGradients gradients) => step.Total;
            }

            public abstract class AbstractWeighting(System.Collections.Generic.IReadOnlyList<TaskDefinition> tasks) : LossWeighting("Abstract", tasks);

            public sealed class NoTasks() : LossWeighting("NoTasks", [])
            {
                public override TorchSharp.torch.Tensor Backward(TaskStep step, TaskGradients gradients) => step.Total;
            }

            public sealed class Scaled(System.Collections.Generic.IReadOnlyList<TaskDefinition> tasks) : LossWeighting("Scaled", tasks)
            {
                public int Alpha { get; init; }
                public long Steps { get; init; }
                public override TorchSharp.torch.Tensor Backward(TaskStep step, TaskGradients gradients) => step.Total;
            }
            """;

        [Theory]
        [InlineData("[SoftSharing]", "[RegressionHead(Hidden = new[] { 8 })] public partial Head SoftSharing { get; } [RegressionHead(Hidden = new[] { 8 })] public partial Head B { get; }", "SoftSharing", "the generated record 'Losses' of a soft-sharing model has a member 'SoftSharing' for the penalty")]
        [InlineData("", "[AutoencoderTrunk(2)] public partial AutoencoderTrunk Code { get; } [RegressionHead] public partial Head Reconstruction { get; }", "Reconstruction", "the generated records 'Outputs' and 'Losses' of a model with an autoencoder trunk have a member 'Reconstruction'")]
        [InlineData("", "[BinaryHead] public partial Head Shuffle { get; } [BinaryHead] public partial Head B { get; }", "Shuffle", "'Batch.From' of a model with one input per task has a parameter 'shuffle' beside one per task", true)]
        [InlineData("", "[SharedTrunk(8)] public partial Trunk Body { get; } [BinaryHead] public partial Head Represent { get; } [BinaryHead] public partial Head B { get; }", "Represent", "the generated model already has a member 'Represent'")]
        [InlineData("", "[MixtureOfExperts(Experts = 2, Hidden = new[] { 8 })] public partial MixtureOfExperts Experts { get; } [BinaryHead] public partial Head ReadHeads { get; } [BinaryHead] public partial Head B { get; }", "ReadHeads", "the generated model already has a member 'ReadHeads'")]
        [InlineData("", "[SharedTrunk(8)] public partial Trunk Body { get; } [BinaryHead] public partial Head RunHead { get; } [BinaryHead] public partial Head B { get; }", "RunHead", "the generated model already has a member 'RunHead'", true)]
        [InlineData("", "[BinaryHead] public partial Head RunTask { get; } [BinaryHead] public partial Head B { get; }", "RunTask", "the generated model already has a member 'RunTask'", true)]
        [InlineData("", "[BinaryHead] public partial Head Seed { get; } [BinaryHead] public partial Head B { get; }", "Seed", "'Batch.From' of a model with one input per task has a parameter 'seed' beside one per task", true)]
        [InlineData("[SoftSharing]", "[RegressionHead(Hidden = new[] { 8 })] public partial Head softSharing { get; } [RegressionHead(Hidden = new[] { 8 })] public partial Head B { get; }", "softSharing", "the generated soft-sharing model holds its penalty in a field 'softSharing'")]
        [InlineData("", "[AutoencoderTrunk(2, ReconstructionWeight = 0.5)] public partial AutoencoderTrunk Code { get; } [RegressionHead] public partial Head ReconstructionLossWeight { get; } [RegressionHead] public partial Head B { get; }", "ReconstructionLossWeight", "the generated model holds the reconstruction's weight in a static field 'ReconstructionLossWeight'")]
        public void MTL0010_names_reserved_by_a_sharing_strategy(string modelAttribute, string members, string name, string reason, bool inputPerTask = false)
        {
            string source = $$"""
                using MultiTask;

                [MultiTaskModel(InputSize = 4{{(inputPerTask ? ", InputPerTask = true" : "")}})]
                {{modelAttribute}}
                public partial class Model
                {
                    {{members}}
                }
                """;
            int at = source.IndexOf($"Head {name} ", System.StringComparison.Ordinal) + 5;
            DiagnosticAssert.Reports(
                source.Substring(0, at) + "[|" + name + "|]" + source.Substring(at + name.Length),
                new Expected("MTL0010", $"'{name}' cannot be used as a trunk or head name: {reason}; rename it"));
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
                new Expected("MTL0006", "Model 'Model' declares a second shared component 'Second'; a model has at most one [SharedTrunk], [AutoencoderTrunk], [MixtureOfExperts], [ProgressiveLayeredExtraction] or [CrossStitch] (the first is 'Body')"));
        }

        [Fact]
        public void MTL0006_a_trunk_and_an_expert_layer()
        {
            DiagnosticAssert.Reports(
                Model("""
                    [AutoencoderTrunk(2, 8)]
                    public partial AutoencoderTrunk Code { get; }

                    [[|MixtureOfExperts(Experts = 2, Hidden = new[] { 4 })|]]
                    public partial MixtureOfExperts Experts { get; }
                    """),
                new Expected("MTL0006", "Model 'Model' declares a second shared component 'Experts'; a model has at most one [SharedTrunk], [AutoencoderTrunk], [MixtureOfExperts], [ProgressiveLayeredExtraction] or [CrossStitch] (the first is 'Code')"));
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
        [InlineData("lossWeighting", "the generated model holds its loss weighting in a field 'lossWeighting'")]
        [InlineData("OtherTask", "the generated model has a static field 'OtherTask' for the task 'Other'")]
        [InlineData("Parameters", "its field 'parameters' would hide the member 'parameters' of TorchSharp's nn.Module")]
        [InlineData("AllTasks", "the generated model already has a member 'AllTasks'")]
        [InlineData("Save", "the generated model already has a member 'Save'")]
        [InlineData("Load", "the generated model already has a member 'Load'")]
        [InlineData("LossWeighting", "the generated model holds its loss weighting in a field 'lossWeighting'")]
        [InlineData("To", "the generated record 'Targets' already has a member 'To'")]
        [InlineData("From", "the generated 'TrainingOptions' already has a member 'From'")]
        [InlineData("Device", "the generated 'TrainingOptions' inherits a member 'Device'")]
        [InlineData("Callbacks", "the generated 'TrainingOptions' inherits a member 'Callbacks'")]
        [InlineData("CollectAfterEpoch", "the generated 'TrainingOptions' inherits a member 'CollectAfterEpoch'")]
        [InlineData("forward", "the generated model already has a member 'forward'")]
        [InlineData("Columns", "the generated model already has a member 'Columns'")]
        [InlineData("Features", "the generated 'Columns' inherits a member 'Features'")]
        [InlineData("TaskColumns", "the generated 'Columns' inherits a member 'TaskColumns'")]
        [InlineData("ToBatch", "the generated 'Columns' inherits a member 'ToBatch'")]
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
        public void MTL0010_name_equal_to_the_field_of_another_name()
        {
            DiagnosticAssert.Reports(
                Model("""
                    [RegressionHead]
                    public partial Head raw { get; }

                    [RegressionHead]
                    public partial Head [|_raw|] { get; }
                    """),
                new Expected("MTL0010", "'_raw' cannot be used as a trunk or head name: the generated model has the field '_raw' that holds 'raw'; rename it"));
        }

        [Fact]
        public void MTL0010_static_task_field_equal_to_the_field_of_another_name()
        {
            DiagnosticAssert.Reports(
                Model("""
                    [RegressionHead]
                    public partial Head fooTask { get; }

                    [RegressionHead]
                    public partial Head [|_foo|] { get; }
                    """),
                new Expected("MTL0010", "'_foo' cannot be used as a trunk or head name: its static task field '_fooTask' would be the field '_fooTask' that holds 'fooTask'; rename it"));
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
            Assert.Contains("FlagTask = new(\"Flag\", positiveWeight: null, threshold: 0.5, weight: 0);", run.SingleSource, System.StringComparison.Ordinal);
            Assert.Contains("LossSum.Of(FlagTask.Weighted(flagLoss), otherLoss)", run.SingleSource, System.StringComparison.Ordinal);
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
        public void MTL0045_class_weights_not_one_per_class()
        {
            DiagnosticAssert.Reports(
                Model("""
                    [ClassificationHead(Classes = 3, [|ClassWeights = new[] { 1.0, 3.0 }|])]
                    public partial Head Digit { get; }
                    """),
                new Expected("MTL0045", "'Digit': ClassWeights has 2 values but the head has 3 classes; give one weight per class, in class order"));
        }

        [Fact]
        public void MTL0046_class_weights_that_are_not_positive_and_finite()
        {
            DiagnosticAssert.Reports(
                Model("""
                    [ClassificationHead(Classes = 3, ClassWeights = new[] { 1.0, [|0.0|], [|-2.5|] })]
                    public partial Head Digit { get; }
                    """),
                new Expected("MTL0046", "'Digit': ClassWeights[1] = 0 is invalid; a class weight must be a finite number > 0 (rows that should not count need a mask)"),
                new Expected("MTL0046", "'Digit': ClassWeights[2] = -2.5 is invalid; a class weight must be a finite number > 0 (rows that should not count need a mask)"));
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
                new Expected("MTL0005", "'Digit': Classes = 1 is invalid; one class leaves nothing to predict: a classification head needs at least 2 classes (for a yes/no task use [BinaryHead])"),
                new Expected("MTL0005", "'Digit': Weight = -1 is invalid; expected a finite number >= 0"));
        }

        [Fact]
        public void MTL0005_model_learning_rate_not_positive()
        {
            DiagnosticAssert.Reports(
                """
                using MultiTask;

                [MultiTaskModel(InputSize = 4, [|LearningRate = 0|])]
                public partial class Frozen
                {
                    [BinaryHead]
                    public partial Head Flag { get; }

                    [RegressionHead]
                    public partial Head Value { get; }
                }
                """,
                new Expected("MTL0005", "'Frozen': LearningRate = 0 is invalid; expected a finite number > 0 (unset means 1e-3)"));
        }

        [Fact]
        public void MTL0014_user_type_named_like_the_generated_column_map()
        {
            DiagnosticAssert.Reports(
                Model("""
                    public sealed class [|Columns|] { }
                    """),
                new Expected("MTL0014", "Model 'Model' declares a type 'Columns', but the generator emits the nested class 'Columns'; rename or remove it"));
        }

        [Fact]
        public void MTL0014_user_member_collides_with_a_generated_member()
        {
            DiagnosticAssert.Reports(
                Model("""
                    public [|Model|]() { }

                    public Model(int seed) : this() => Seed = seed;

                    public int Seed { get; }

                    public sealed class [|Outputs|] { }

                    public string [|Summary|]() => "mine";

                    public object [|forward|](object x) => x;

                    public void Predict(int a, int b) { }

                    public void [|Save|](string file) { }

                    public static Model Load(string file, int seed) => new(seed);

                    private readonly int [|other|];

                    public static int [|OtherTask|] => 1;

                    private static readonly int[] [|AllTasks|] = [];

                    private readonly object? [|lossWeighting|];
                    """),
                new Expected("MTL0014", "Model 'Model' declares a parameterless constructor 'Model()', but the generator emits the parameterless constructor that builds the layers (initialize fields with initializers instead); rename or remove it"),
                new Expected("MTL0014", "Model 'Model' declares a type 'Outputs', but the generator emits the nested record 'Outputs'; rename or remove it"),
                new Expected("MTL0014", "Model 'Model' declares a method 'Summary', but the generator emits the method 'Summary()'; rename or remove it"),
                new Expected("MTL0014", "Model 'Model' declares a method 'forward', but the generator emits the method 'forward(Tensor)'; rename or remove it"),
                new Expected("MTL0014", "Model 'Model' declares a method 'Save', but the generator emits the method 'Save(string)'; rename or remove it"),
                new Expected("MTL0014", "Model 'Model' declares a field 'other', but the generator emits the field 'other' that holds 'Other'; rename or remove it"),
                new Expected("MTL0014", "Model 'Model' declares a property 'OtherTask', but the generator emits the static field 'OtherTask' of the task 'Other'; rename or remove it"),
                new Expected("MTL0014", "Model 'Model' declares a field 'AllTasks', but the generator emits the static field 'AllTasks' that lists the tasks; rename or remove it"),
                new Expected("MTL0014", "Model 'Model' declares a field 'lossWeighting', but the generator emits the field 'lossWeighting' that holds the loss weighting; rename or remove it"));
        }

        [Fact]
        public void MTL0015_every_weight_zero()
        {
            DiagnosticAssert.Reports(
                """
                using MultiTask;

                [MultiTaskModel(InputSize = 4)]
                public partial class [|Idle|]
                {
                    [BinaryHead(Weight = 0)]
                    public partial Head Flag { get; }

                    [RegressionHead(Weight = 0.0)]
                    public partial Head Value { get; }
                }
                """,
                new Expected("MTL0015", "Every task of model 'Idle' has Weight = 0 (Flag, Value): the total loss is always 0 and nothing trains; give at least one task a positive weight"));
        }

        [Theory]
        [InlineData("[RegressionHead([|HuberDelta = 0.5|])] public partial Head Value { get; }", "'Value': HuberDelta = 0.5 does not fit Loss = Mse (the default); only the Huber loss has a delta; set Loss = RegressionLoss.Huber, or remove HuberDelta")]
        [InlineData("[RegressionHead(Loss = RegressionLoss.L1, [|HuberDelta = 2|])] public partial Head Value { get; }", "'Value': HuberDelta = 2 does not fit Loss = L1; only the Huber loss has a delta; set Loss = RegressionLoss.Huber, or remove HuberDelta")]
        [InlineData("[BinaryHead([|PositiveWeight = 0|])] public partial Head Flag { get; }", "'Flag': PositiveWeight = 0 does not fit the binary cross-entropy; it multiplies the loss of every positive row, so 0 ignores them and the head learns to answer no; use a positive weight, or remove PositiveWeight for 1")]
        [InlineData("[ClassificationHead(Classes = 2, [|LabelSmoothing = 0.5|])] public partial Head Digit { get; }", "'Digit': LabelSmoothing = 0.5 does not fit Classes = 2; from (K - 1) / K = 0.5 on, the smoothed target of the true class is no larger than the others'; use a value below 0.5, e.g. 0.1")]
        [InlineData("[ClassificationHead(Classes = 4, [|LabelSmoothing = 0.9|])] public partial Head Digit { get; }", "'Digit': LabelSmoothing = 0.9 does not fit Classes = 4; from (K - 1) / K = 0.75 on, the smoothed target of the true class is no larger than the others'; use a value below 0.75, e.g. 0.1")]
        public void MTL0016_loss_option_does_not_fit_the_loss(string member, string message)
        {
            DiagnosticAssert.Reports(Model(member), new Expected("MTL0016", message));
        }

        [Fact]
        public void MTL0017_trunk_or_head_outside_a_model()
        {
            DiagnosticAssert.Reports(
                """
                using MultiTask;

                namespace Samples;

                public partial class NotAModel
                {
                    [[|SharedTrunk(8)|]]
                    public partial Trunk Body { get; }

                    [[|BinaryHead(Weight = 2)|]]
                    public partial Head Flag { get; }
                }
                """,
                new Expected("MTL0017", "'Body' has [SharedTrunk] but its type 'Samples.NotAModel' is not marked [MultiTaskModel]; mark the type, e.g. [MultiTaskModel(InputSize = 64)], or move the property into a model"),
                new Expected("MTL0017", "'Flag' has [BinaryHead] but its type 'Samples.NotAModel' is not marked [MultiTaskModel]; mark the type, e.g. [MultiTaskModel(InputSize = 64)], or move the property into a model"));
        }

        [Fact]
        public void MTL0018_one_task_only_is_a_warning_and_the_model_is_generated()
        {
            GeneratorRun run = DiagnosticAssert.Reports(
                """
                using MultiTask;

                [MultiTaskModel(InputSize = 4)]
                public partial class [|Single|]
                {
                    [SharedTrunk(8)]
                    public partial Trunk Body { get; }

                    [BinaryHead]
                    public partial Head Flag { get; }
                }
                """,
                new Expected("MTL0018", "Model 'Single' has one task only ('Flag'): nothing is shared between tasks, so this is single-task learning; add a second head, or suppress MTL0018 for a single-task baseline"));

            Assert.Equal(DiagnosticSeverity.Warning, run.GeneratorDiagnostics.Single().Severity);
            Assert.Single(run.Result.GeneratedSources);
        }

        [Fact]
        public void MTL0018_can_be_disabled_with_a_pragma_at_the_class()
        {
            GeneratorRun run = GeneratorHarness.Run("""
                using MultiTask;

                [MultiTaskModel(InputSize = 4)]
                #pragma warning disable MTL0018 // a single-task baseline
                public partial class Single
                #pragma warning restore MTL0018
                {
                    [BinaryHead]
                    public partial Head Flag { get; }
                }
                """);

            Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "MTL0018");
            Assert.All(run.GeneratorDiagnostics, d => Assert.True(d.IsSuppressed, d.ToString()));
            Assert.Single(run.Result.GeneratedSources);
        }

        [Fact]
        public void MTL0019_no_trunk_and_a_tower_on_every_head()
        {
            DiagnosticAssert.Reports(
                """
                using MultiTask;

                [MultiTaskModel(InputSize = 4)]
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
        public void MTL0019_is_not_reported_when_heads_have_no_towers_or_another_attribute_shares()
        {
            // Linear heads on the input: a deliberate baseline. Soft sharing (a MultiTask attribute on the class) shares the towers.
            DiagnosticAssert.Reports(SnapshotCases.HeadsOnlyModel);
            GeneratorRun run = GeneratorHarness.Run(
                """
                using MultiTask;

                [MultiTaskModel(InputSize = 4)]
                [SoftSharing(Lambda = 0.05)]
                public partial class Soft
                {
                    [RegressionHead(Hidden = new[] { 8 })]
                    public partial Head Weight { get; }

                    [RegressionHead(Hidden = new[] { 8 })]
                    public partial Head Pulse { get; }
                }
                """);
            Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "MTL0019");
        }

        [Theory]
        [InlineData("", "[BinaryHead([|LearningRate = 0.1|])]", "'Flag': LearningRate = 0.1 is 100 times the model's learning rate 0.001 (the default); a rate 100 times larger usually diverges and one 100 times smaller barely trains; check the exponent")]
        [InlineData(", LearningRate = 0.01", "[BinaryHead([|LearningRate = 1e-5|])]", "'Flag': LearningRate = 1e-5 is 1/1000 of the model's learning rate 0.01; a rate 100 times larger usually diverges and one 100 times smaller barely trains; check the exponent")]
        [InlineData(", LearningRate = 3e-4", "[BinaryHead([|LearningRate = 0.5|])]", "'Flag': LearningRate = 0.5 is 1670 times the model's learning rate 0.0003; a rate 100 times larger usually diverges and one 100 times smaller barely trains; check the exponent")]
        [InlineData("", "[BinaryHead([|LearningRate = 0|])]", "'Flag': LearningRate = 0 is 0 times the model's learning rate 0.001 (the default); a rate 100 times larger usually diverges and one 100 times smaller barely trains; check the exponent")]
        public void MTL0020_head_learning_rate_far_from_the_model(string modelArguments, string head, string message)
        {
            DiagnosticAssert.Reports(
                $$"""
                using MultiTask;

                [MultiTaskModel(InputSize = 4{{modelArguments}})]
                public partial class Rates
                {
                    {{head}}
                    public partial Head Flag { get; }

                    [RegressionHead]
                    public partial Head Value { get; }
                }
                """,
                new Expected("MTL0020", message));
        }

        [Theory]
        [InlineData("", "[BinaryHead(LearningRate = 0.099)]")]
        [InlineData("", "[BinaryHead(LearningRate = 1.1e-5)]")]
        [InlineData(", LearningRate = 0.1", "[BinaryHead(LearningRate = 0.0011)]")]
        [InlineData(", LearningRate = 0.1", "[BinaryHead]")]
        public void Learning_rates_less_than_100_times_apart_are_not_reported(string modelArguments, string head)
        {
            DiagnosticAssert.Reports(
                $$"""
                using MultiTask;

                [MultiTaskModel(InputSize = 4{{modelArguments}})]
                public partial class Rates
                {
                    {{head}}
                    public partial Head Flag { get; }

                    [RegressionHead]
                    public partial Head Value { get; }
                }
                """);
        }

        [Fact]
        public void MTL0020_can_be_disabled_with_a_pragma_at_the_argument()
        {
            GeneratorRun run = GeneratorHarness.Run(Model("""
                #pragma warning disable MTL0020 // a fine-tuned head
                    [BinaryHead(LearningRate = 1)]
                #pragma warning restore MTL0020
                    public partial Head Flag { get; }
                """));

            Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "MTL0020");
            Assert.All(run.GeneratorDiagnostics, d => Assert.True(d.IsSuppressed, d.ToString()));
            Assert.Single(run.Result.GeneratedSources);
        }

        [Fact]
        public void Model_learning_rate_becomes_the_default_of_the_training_options()
        {
            GeneratorRun run = GeneratorHarness.Run(
                """
                using MultiTask;

                namespace Samples;

                [MultiTaskModel(InputSize = 4, LearningRate = 0.02)]
                internal partial class Fast
                {
                    [SharedTrunk(8)]
                    public partial Trunk Body { get; }

                    [BinaryHead]
                    public partial Head Flag { get; }

                    [RegressionHead(LearningRate = 0.005)]
                    public partial Head Value { get; }
                }
                """,
                """
                namespace Samples;

                internal static class Usage
                {
                    public static double Default() => new Fast.TrainingOptions().LearningRate;

                    public static double Overridden() => new Fast.TrainingOptions { LearningRate = 0.5 }.LearningRate;
                }
                """);

            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Contains("public TrainingOptions() => LearningRate = 0.02;", run.SingleSource, System.StringComparison.Ordinal);
            Diagnostic[] problems = run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
            Assert.True(problems.Length == 0, string.Join("\n", problems.Select(d => d.ToString())));

            // Run it: the constructor sets the default, an object initializer still wins.
            using var image = new System.IO.MemoryStream();
            Assert.True(run.Output.Emit(image).Success);
            var context = new System.Runtime.Loader.AssemblyLoadContext("Fast", isCollectible: true);
            try
            {
                System.Type usage = context.LoadFromStream(new System.IO.MemoryStream(image.ToArray())).GetType("Samples.Usage")!;
                Assert.Equal(0.02, (double)usage.GetMethod("Default")!.Invoke(null, null)!);
                Assert.Equal(0.5, (double)usage.GetMethod("Overridden")!.Invoke(null, null)!);
            }
            finally
            {
                context.Unload();
            }
        }

        [Fact]
        public void Design_warnings_are_not_reported_beside_errors()
        {
            DiagnosticAssert.Reports(
                """
                using MultiTask;

                [MultiTaskModel([|InputSize = 0|])]
                public partial class Single
                {
                    [BinaryHead]
                    public partial Head Flag { get; }
                }
                """,
                new Expected("MTL0004", $"Model 'Single' declares InputSize = 0, which is not positive; {Declare}"));
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

        [Fact]
        public void A_column_map_missing_a_task_column_does_not_compile()
        {
            GeneratorRun run = GeneratorHarness.Run(
                SnapshotCases.DigitModel,
                """
                using MultiTask;

                namespace Samples;

                public static class Usage
                {
                    public static DigitModel.Columns Make() => new() { Features = InputColumns.Range(0, 63), Digit = 64 };
                }
                """);

            Diagnostic error = Assert.Single(run.CompilationDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
            Assert.Equal("CS9035", error.Id);
            Assert.Contains("Columns.IsEven", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        }
    }
}
