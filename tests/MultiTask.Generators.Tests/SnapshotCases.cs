using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace MultiTask.Generators.Tests
{
    /// <summary>The models whose generated code is pinned by a snapshot and compiled without warnings.</summary>
    public static class SnapshotCases
    {
        /// <summary>The example of docs/architecture.md: classification + binary head with a tower, a weight and its own learning rate.</summary>
        public const string DigitModel = """
            using MultiTask;

            namespace Samples;

            /// <summary>Which digit and whether it is even, from one 64-pixel image.</summary>
            [MultiTaskModel(InputSize = 64)]
            public partial class DigitModel
            {
                /// <summary>The shared layers.</summary>
                [SharedTrunk(128, 64, Dropout = 0.1)]
                public partial Trunk Body { get; }

                /// <summary>Which digit.</summary>
                [ClassificationHead(Classes = 10)]
                public partial Head Digit { get; }

                /// <summary>Whether the digit is even.</summary>
                [BinaryHead(Hidden = new[] { 16 }, Weight = 0.5, LearningRate = 3e-4)]
                public partial Head IsEven { get; }
            }
            """;

        /// <summary>A 3-value regression with the Huber loss beside a classification with label smoothing.</summary>
        public const string HousingModel = """
            using MultiTask;

            namespace Samples.Regression
            {
                /// <summary>Price, rent and size of a house, and its energy class.</summary>
                [MultiTaskModel(InputSize = 20)]
                public partial class HousingModel
                {
                    /// <summary>The shared layers.</summary>
                    [SharedTrunk(64, 32, Activation = Activation.GELU, LayerNorm = true)]
                    public partial Trunk Shared { get; }

                    /// <summary>Price, rent and size.</summary>
                    [RegressionHead(Outputs = 3, Loss = RegressionLoss.Huber, HuberDelta = 0.5, Weight = 2)]
                    public partial Head Values { get; }

                    /// <summary>Energy class A to G.</summary>
                    [ClassificationHead(Classes = 7, LabelSmoothing = 0.1, TopK = 3, ClassWeights = new[] { 1.0, 1.0, 1.0, 1.5, 2.0, 2.5, 3.0 })]
                    public partial Head EnergyClass { get; }

                    /// <summary>Year of construction.</summary>
                    [RegressionHead(Loss = RegressionLoss.L1)]
                    public partial Head Year { get; }
                }
            }
            """;

        /// <summary>Mostly binary tasks: positive weights, thresholds, a zero-positive-weight-free mix.</summary>
        public const string ModerationModel = """
            using MultiTask;

            namespace Samples.Moderation;

            /// <summary>Flags of a message.</summary>
            [MultiTaskModel(InputSize = 300)]
            public partial class ModerationModel
            {
                /// <summary>The shared layers.</summary>
                [SharedTrunk(256)]
                public partial Trunk Encoder { get; }

                /// <summary>Spam (rare: weighted up).</summary>
                [BinaryHead(PositiveWeight = 12.5, Threshold = 0.7)]
                public partial Head Spam { get; }

                /// <summary>Toxicity.</summary>
                [BinaryHead(PositiveWeight = 3, Weight = 1.5)]
                public partial Head Toxic { get; }

                /// <summary>Contains a link.</summary>
                [BinaryHead(Threshold = 0.25, Weight = 0.1)]
                public partial Head HasLink { get; }

                /// <summary>Language, one of 4.</summary>
                [ClassificationHead(Classes = 4)]
                public partial Head Language { get; }
            }
            """;

        /// <summary>Every head has a tower of its own, with its own activation.</summary>
        public const string TowerModel = """
            using MultiTask;

            namespace Samples.Towers;

            /// <summary>Towers on every head.</summary>
            [MultiTaskModel(InputSize = 32)]
            public partial class TowerModel
            {
                /// <summary>The shared layers.</summary>
                [SharedTrunk(128, 128, 64, Activation = Activation.SiLU, Dropout = 0.25, LayerNorm = true)]
                public partial Trunk Backbone { get; }

                /// <summary>A classification with a two-layer tower.</summary>
                [ClassificationHead(Classes = 5, Hidden = new[] { 32, 16 }, Activation = Activation.Tanh)]
                public partial Head Category { get; }

                /// <summary>A binary task with a tower.</summary>
                [BinaryHead(Hidden = [8])]
                public partial Head Clicked { get; }

                /// <summary>A regression with a tower.</summary>
                [RegressionHead(Hidden = new int[] { 24 }, Activation = Activation.GELU, Outputs = 2)]
                public partial Head Position { get; }
            }
            """;

        /// <summary>Per-head learning rates and weight decays, the trunk's weight decay, and the model's learning rate.</summary>
        public const string OptimizerSettingsModel = """
            using MultiTask;

            namespace Samples.Optimization;

            /// <summary>Every component with its own optimizer settings, or none; the model's own default learning rate.</summary>
            [MultiTaskModel(InputSize = 16, LearningRate = 3e-3)]
            public partial class OptimizerSettingsModel
            {
                /// <summary>The shared layers.</summary>
                [SharedTrunk(32, WeightDecay = 1e-4)]
                public partial Trunk Trunk { get; }

                /// <summary>Learning rate and weight decay.</summary>
                [ClassificationHead(Classes = 3, LearningRate = 0.01, WeightDecay = 0.001)]
                public partial Head Both { get; }

                /// <summary>Learning rate only.</summary>
                [BinaryHead(LearningRate = 1e-4)]
                public partial Head RateOnly { get; }

                /// <summary>Weight decay only (zero, but set).</summary>
                [RegressionHead(WeightDecay = 0)]
                public partial Head DecayOnly { get; }

                /// <summary>The trainer's settings.</summary>
                [RegressionHead]
                public partial Head Defaults { get; }
            }
            """;

        /// <summary>No trunk: every head reads the input; an internal model with an internal head.</summary>
        public const string HeadsOnlyModel = """
            using MultiTask;

            namespace Samples.Linear;

            [MultiTaskModel(InputSize = 8)]
            internal sealed partial class HeadsOnlyModel
            {
                [ClassificationHead(Classes = 3)]
                public partial Head Species { get; }

                [RegressionHead]
                internal partial Head Weight { get; }
            }
            """;

        /// <summary>A model nested in two partial types, in a file-scoped namespace.</summary>
        public const string NestedModel = """
            using MultiTask;

            namespace Samples.Nested;

            /// <summary>Holds models.</summary>
            public static partial class Models
            {
                /// <summary>A record holding a model.</summary>
                public partial record Registry
                {
                    /// <summary>A nested model.</summary>
                    [MultiTaskModel(InputSize = 10)]
                    public partial class InnerModel
                    {
                        /// <summary>The shared layers.</summary>
                        [SharedTrunk(16)]
                        public partial Trunk Body { get; }

                        /// <summary>A binary task.</summary>
                        [BinaryHead]
                        public partial Head Flag { get; }

                        /// <summary>A regression.</summary>
                        [RegressionHead]
                        public partial Head Score { get; }
                    }
                }
            }
            """;

        /// <summary>A model in the global namespace.</summary>
        public const string GlobalModel = """
            using MultiTask;

            /// <summary>A model without a namespace.</summary>
            [MultiTaskModel(InputSize = 4)]
            public partial class GlobalModel
            {
                /// <summary>The shared layers.</summary>
                [SharedTrunk(8)]
                public partial Trunk Body { get; }

                /// <summary>A regression.</summary>
                [RegressionHead]
                public partial Head Score { get; }

                /// <summary>A classification.</summary>
                [ClassificationHead(Classes = 2)]
                public partial Head Kind { get; }
            }
            """;

        /// <summary>Soft parameter sharing: a tower per head of the same widths, pulled towards their mean.</summary>
        public const string SoftSharingModel = """
            using MultiTask;

            namespace Samples.Sharing;

            /// <summary>Body measurements from exercise results.</summary>
            [MultiTaskModel(InputSize = 3)]
            [SoftSharing(Lambda = 0.05)]
            public partial class SoftSharingModel
            {
                /// <summary>Body weight.</summary>
                [RegressionHead(Hidden = new[] { 8, 4 })]
                public partial Head Weight { get; }

                /// <summary>Waist, with a tower of another activation.</summary>
                [RegressionHead(Hidden = new[] { 8, 4 }, Activation = Activation.Tanh, Weight = 0.5)]
                public partial Head Waist { get; }
            }
            """;

        /// <summary>Feature-based sharing: heads read an autoencoder's latent code; the reconstruction loss joins the total.</summary>
        public const string AutoencoderModel = """
            using MultiTask;

            namespace Samples.Sharing;

            /// <summary>Two tasks on a learned code of the input.</summary>
            [MultiTaskModel(InputSize = 12)]
            public partial class AutoencoderModel
            {
                /// <summary>The encoder and its decoder.</summary>
                [AutoencoderTrunk(4, 8, ReconstructionWeight = 0.5, WeightDecay = 1e-4)]
                public partial AutoencoderTrunk Code { get; }

                /// <summary>A regression on the code.</summary>
                [RegressionHead(Hidden = new[] { 8 })]
                public partial Head Score { get; }

                /// <summary>A binary task on the code.</summary>
                [BinaryHead]
                public partial Head Flag { get; }
            }
            """;

        /// <summary>MMoE: experts shared by the tasks, one softmax gate per task.</summary>
        public const string MmoeModel = """
            using MultiTask;

            namespace Samples.Recommendation;

            /// <summary>Click and conversion.</summary>
            [MultiTaskModel(InputSize = 32)]
            public partial class MmoeModel
            {
                /// <summary>Six experts, a gate per task.</summary>
                [MixtureOfExperts(Experts = 6, Hidden = new[] { 32, 16 }, Activation = Activation.GELU)]
                public partial MixtureOfExperts Experts { get; }

                /// <summary>Click-through.</summary>
                [BinaryHead(Hidden = new[] { 8 })]
                public partial Head Click { get; }

                /// <summary>Conversion after a click.</summary>
                [BinaryHead(Hidden = new[] { 8 })]
                public partial Head Conversion { get; }
            }
            """;

        /// <summary>PLE: shared and task experts over two extraction levels.</summary>
        public const string PleModel = """
            using MultiTask;

            namespace Samples.Recommendation;

            /// <summary>Click, conversion and dwell time.</summary>
            [MultiTaskModel(InputSize = 32)]
            public partial class PleModel
            {
                /// <summary>Two levels of two shared experts and one expert of each task's own.</summary>
                [ProgressiveLayeredExtraction(SharedExperts = 2, TaskExperts = 1, Hidden = new[] { 16 }, Levels = 2, WeightDecay = 1e-5)]
                public partial ProgressiveLayeredExtraction Extraction { get; }

                /// <summary>Click-through.</summary>
                [BinaryHead]
                public partial Head Click { get; }

                /// <summary>Conversion after a click.</summary>
                [BinaryHead]
                public partial Head Conversion { get; }

                /// <summary>Seconds on the page.</summary>
                [RegressionHead(Loss = RegressionLoss.Huber)]
                public partial Head Dwell { get; }
            }
            """;

        /// <summary>Cross-stitch: a tower per task, mixed after each layer.</summary>
        public const string CrossStitchModel = """
            using MultiTask;

            namespace Samples.Recommendation;

            /// <summary>Click and conversion.</summary>
            [MultiTaskModel(InputSize = 32)]
            public partial class CrossStitchModel
            {
                /// <summary>Two towers of two layers, each task starting mostly on its own.</summary>
                [CrossStitch(Hidden = new[] { 32, 16 }, Dropout = 0.1, LayerNorm = true, SelfWeight = 0.8)]
                public partial CrossStitchNetwork Towers { get; }

                /// <summary>Click-through.</summary>
                [BinaryHead(Hidden = new[] { 8 })]
                public partial Head Click { get; }

                /// <summary>Conversion after a click.</summary>
                [BinaryHead]
                public partial Head Conversion { get; }
            }
            """;

        /// <summary>ESMM: the click and conversion heads trained over the entire impression space, beside a dwell-time head.</summary>
        public const string EsmmModel = """
            using MultiTask;

            namespace Samples.Recommendation;

            /// <summary>Click, conversion and dwell time.</summary>
            [MultiTaskModel(InputSize = 32)]
            [Esmm(Click = nameof(Click), Conversion = nameof(Conversion))]
            public partial class EsmmModel
            {
                /// <summary>The shared embedding.</summary>
                [SharedTrunk(64, 32)]
                public partial Trunk Embedding { get; }

                /// <summary>pCTR.</summary>
                [BinaryHead(Hidden = new[] { 16 })]
                public partial Head Click { get; }

                /// <summary>pCVR, supervised through pCTCVR.</summary>
                [BinaryHead(Hidden = new[] { 16 })]
                public partial Head Conversion { get; }

                /// <summary>Seconds on the page.</summary>
                [RegressionHead]
                public partial Head Dwell { get; }
            }
            """;

        /// <summary>One input per task through one shared layer (the seed's Keras example).</summary>
        public const string PerTaskInputModel = """
            using MultiTask;

            namespace Samples.Inputs;

            /// <summary>Two tasks from two data sets.</summary>
            [MultiTaskModel(InputSize = 10, InputPerTask = true)]
            public partial class PerTaskInputModel
            {
                /// <summary>The shared layer.</summary>
                [SharedTrunk(16)]
                public partial Trunk Shared { get; }

                /// <summary>A classification from its own data set.</summary>
                [ClassificationHead(Classes = 3)]
                public partial Head Topic { get; }

                /// <summary>A regression from another data set.</summary>
                [RegressionHead(Weight = 0.5)]
                public partial Head Rating { get; }
            }
            """;

        /// <summary>A custom trunk with the sized constructor and a custom head with a parameterless one.</summary>
        public const string CustomModulesModel = """
            using MultiTask;
            using TorchSharp;
            using TorchSharp.Modules;
            using static TorchSharp.torch;

            namespace Samples.Custom
            {
                /// <summary>Two linear layers with a residual connection.</summary>
                public sealed class ResidualEncoder : nn.Module<Tensor, Tensor>
                {
                    private readonly Linear inner;
                    private readonly Linear outer;

                    /// <summary>Builds the layers.</summary>
                    public ResidualEncoder(int inputSize, int outputSize) : base(nameof(ResidualEncoder))
                    {
                        inner = nn.Linear(inputSize, outputSize);
                        outer = nn.Linear(outputSize, outputSize);
                        RegisterComponents();
                    }

                    /// <inheritdoc />
                    public override Tensor forward(Tensor input)
                    {
                        using var hidden = inner.forward(input).relu();
                        return hidden + outer.forward(hidden);
                    }
                }

                /// <summary>A fixed-size scoring layer.</summary>
                public sealed class ScoreHead : nn.Module<Tensor, Tensor>
                {
                    private readonly Linear score = nn.Linear(32, 1);

                    /// <summary>Builds the layer.</summary>
                    public ScoreHead() : base(nameof(ScoreHead)) => RegisterComponents();

                    /// <inheritdoc />
                    public override Tensor forward(Tensor input) => score.forward(input).squeeze(-1);
                }

                /// <summary>Custom trunk and head beside a runtime head.</summary>
                [MultiTaskModel(InputSize = 20)]
                public partial class CustomModulesModel
                {
                    /// <summary>The user's encoder.</summary>
                    [SharedTrunk(typeof(ResidualEncoder), OutputSize = 32)]
                    public partial ResidualEncoder Encoder { get; }

                    /// <summary>The user's head.</summary>
                    [BinaryHead(Module = typeof(ScoreHead), LearningRate = 1e-3)]
                    public partial ScoreHead Relevant { get; }

                    /// <summary>A runtime head.</summary>
                    [ClassificationHead(Classes = 4)]
                    public partial Head Category { get; }
                }
            }
            """;

        /// <summary>Hard sharing trained with uncertainty weighting: learned per-task weights instead of the declared ones.</summary>
        public const string UncertaintyModel = """
            using MultiTask;

            namespace Samples.Weighting;

            /// <summary>Depth and segmentation of a pixel's neighbourhood, weighted by learned uncertainties.</summary>
            [MultiTaskModel(InputSize = 16)]
            [UncertaintyWeighting]
            public partial class UncertaintyModel
            {
                /// <summary>The shared layers.</summary>
                [SharedTrunk(32, 32)]
                public partial Trunk Shared { get; }

                /// <summary>Depth and its gradient.</summary>
                [RegressionHead(Outputs = 2)]
                public partial Head Depth { get; }

                /// <summary>One of 5 segment classes.</summary>
                [ClassificationHead(Classes = 5)]
                public partial Head Segment { get; }
            }
            """;

        /// <summary>
        /// Task names beyond PascalCase: an escaped keyword, Chinese (click rate and conversion rate), Cyrillic, a leading
        /// underscore and digits (docs/architecture.md, "Names").
        /// </summary>
        public const string NamesModel = """
            using MultiTask;

            namespace Samples;

            /// <summary>Heads named with every kind of legal identifier.</summary>
            [MultiTaskModel(InputSize = 8)]
            public partial class NamesModel
            {
                /// <summary>The shared layers.</summary>
                [SharedTrunk(16)]
                public partial Trunk Body { get; }

                /// <summary>An escaped keyword.</summary>
                [ClassificationHead(Classes = 3)]
                public partial Head @class { get; }

                /// <summary>Click rate.</summary>
                [BinaryHead]
                public partial Head 点击率 { get; }

                /// <summary>Conversion rate.</summary>
                [BinaryHead(Weight = 0.5)]
                public partial Head 转化率 { get; }

                /// <summary>Cyrillic, upper-case first: camelCase applies.</summary>
                [RegressionHead]
                public partial Head Выручка { get; }

                /// <summary>A leading underscore.</summary>
                [RegressionHead]
                public partial Head _raw { get; }

                /// <summary>Digits after the first character, lower-case first.</summary>
                [RegressionHead(Outputs = 2)]
                public partial Head x2y { get; }
            }
            """;

        /// <summary>Input fields on MMoE: a vocabulary, a hashed field, a multi-valued field sharing the hashed table, dense features.</summary>
        public const string CtrModel = """
            using MultiTask;

            namespace Samples.Fields;

            /// <summary>Click and conversion from a user, an item, the recently seen items and numeric features.</summary>
            [MultiTaskModel]
            public partial class CtrModel
            {
                /// <summary>The user id.</summary>
                [Categorical(Vocabulary = 1000, Width = 16)]
                public partial CategoricalEmbedding User { get; }

                /// <summary>The candidate item, hashed.</summary>
                [Categorical(HashBuckets = 4096, Width = 8)]
                public partial CategoricalEmbedding Item { get; }

                /// <summary>The items seen last, in the item table.</summary>
                [Categorical(SharesTableWith = nameof(Item), Values = 5, Pooling = Pooling.Mean)]
                public partial CategoricalEmbedding RecentItems { get; }

                /// <summary>Numeric features.</summary>
                [Dense(13)]
                public partial DenseInput Numeric { get; }

                /// <summary>The experts.</summary>
                [MixtureOfExperts(Experts = 3, Hidden = new[] { 32 })]
                public partial MixtureOfExperts Experts { get; }

                /// <summary>Whether the user clicks.</summary>
                [BinaryHead]
                public partial Head Click { get; }

                /// <summary>Whether the user buys.</summary>
                [BinaryHead]
                public partial Head Purchase { get; }
            }
            """;

        /// <summary>A Transformer text field and an image field on a shared trunk.</summary>
        public const string TextImageModel = """
            using MultiTask;

            namespace Samples.Fields;

            /// <summary>Topic and sentiment of a post from its title and its picture.</summary>
            [MultiTaskModel]
            public partial class TextImageModel
            {
                /// <summary>The title's tokens.</summary>
                [TokenSequence(Vocabulary = 5000, Length = 32, Width = 64, Encoder = TextEncoding.Transformer, Layers = 2, Heads = 4)]
                public partial TextEncoder Title { get; }

                /// <summary>The picture.</summary>
                [Image(1, 8, 8, Convolutions = new[] { 16, 32 })]
                public partial ConvolutionalTrunk Pixels { get; }

                /// <summary>The shared layers.</summary>
                [SharedTrunk(64)]
                public partial Trunk Body { get; }

                /// <summary>The topic.</summary>
                [ClassificationHead(Classes = 5)]
                public partial Head Topic { get; }

                /// <summary>Whether the post is positive.</summary>
                [BinaryHead]
                public partial Head Positive { get; }
            }
            """;

        public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>
        {
            [nameof(DigitModel)] = DigitModel,
            [nameof(HousingModel)] = HousingModel,
            [nameof(ModerationModel)] = ModerationModel,
            [nameof(TowerModel)] = TowerModel,
            [nameof(OptimizerSettingsModel)] = OptimizerSettingsModel,
            [nameof(HeadsOnlyModel)] = HeadsOnlyModel,
            [nameof(NestedModel)] = NestedModel,
            [nameof(GlobalModel)] = GlobalModel,
            [nameof(SoftSharingModel)] = SoftSharingModel,
            [nameof(AutoencoderModel)] = AutoencoderModel,
            [nameof(MmoeModel)] = MmoeModel,
            [nameof(PleModel)] = PleModel,
            [nameof(CrossStitchModel)] = CrossStitchModel,
            [nameof(EsmmModel)] = EsmmModel,
            [nameof(PerTaskInputModel)] = PerTaskInputModel,
            [nameof(CustomModulesModel)] = CustomModulesModel,
            [nameof(UncertaintyModel)] = UncertaintyModel,
            [nameof(NamesModel)] = NamesModel,
            [nameof(CtrModel)] = CtrModel,
            [nameof(TextImageModel)] = TextImageModel,
        };

        public static TheoryData<string> Names { get; } = new(All.Keys.OrderBy(name => name, System.StringComparer.Ordinal));
    }
}
