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
                    [ClassificationHead(Classes = 7, LabelSmoothing = 0.1, TopK = 3)]
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
        };

        public static TheoryData<string> Names { get; } = new(All.Keys.OrderBy(name => name, System.StringComparer.Ordinal));
    }
}
