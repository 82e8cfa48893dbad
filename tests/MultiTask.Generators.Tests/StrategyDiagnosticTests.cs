using System.Linq;
using Microsoft.CodeAnalysis;
using MultiTask.Generators.Tests.Infrastructure;
using Xunit;

namespace MultiTask.Generators.Tests
{
    /// <summary>
    /// How the model-wide diagnostics (MTL0014, MTL0017-MTL0019, the model learning rate) treat the sharing strategies: soft
    /// sharing, the autoencoder trunk, MMoE, PLE and one input per task.
    /// </summary>
    public sealed class StrategyDiagnosticTests
    {
        /// <summary>Models with a tower on every head whose tasks still share: MTL0019 must stay silent.</summary>
        public static TheoryData<string, string> SharingModels { get; } = new()
        {
            { "[SoftSharing(Lambda = 0)]", string.Empty },
            { "[SoftSharing(Lambda = 0.05)]", string.Empty },
            { string.Empty, "[AutoencoderTrunk(4, 8)] public partial AutoencoderTrunk Code { get; }" },
            { string.Empty, "[MixtureOfExperts(Experts = 2, Hidden = new[] { 8 })] public partial MixtureOfExperts Experts { get; }" },
            { string.Empty, "[ProgressiveLayeredExtraction(SharedExperts = 1, TaskExperts = 1, Hidden = new[] { 8 })] public partial ProgressiveLayeredExtraction Levels { get; }" },
            { string.Empty, "[CrossStitch(Hidden = new[] { 8 })] public partial CrossStitchNetwork Towers { get; }" },
        };

        [Theory]
        [MemberData(nameof(SharingModels))]
        public void MTL0019_is_not_reported_for_a_sharing_strategy_with_towers_on_every_head(string classAttribute, string component)
        {
            GeneratorRun run = GeneratorHarness.Run($$"""
                using MultiTask;

                [MultiTaskModel(InputSize = 4)]
                {{classAttribute}}
                internal partial class Shared
                {
                    {{component}}

                    [RegressionHead(Hidden = new[] { 8 })]
                    public partial Head Weight { get; }

                    [BinaryHead(Hidden = new[] { 8 })]
                    public partial Head Flag { get; }
                }
                """);

            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Single(run.Result.GeneratedSources);
            Diagnostic[] problems = run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
            Assert.True(problems.Length == 0, string.Join("\n", problems.Select(d => d.ToString())));
        }

        [Fact]
        public void Soft_sharing_with_one_head_is_the_error_MTL0021_without_the_warning_MTL0018()
        {
            GeneratorRun run = DiagnosticAssert.Reports(
                """
                using MultiTask;

                [MultiTaskModel(InputSize = 4)]
                [[|SoftSharing|]]
                public partial class OneHead
                {
                    [RegressionHead(Hidden = new[] { 8 })]
                    public partial Head Weight { get; }
                }
                """,
                new Expected("MTL0021", "Model 'OneHead' has [SoftSharing] but only one head; soft sharing pulls the towers of two or more heads together"));

            Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "MTL0018");
        }

        [Fact]
        public void MTL0017_covers_the_shared_components_of_every_strategy()
        {
            DiagnosticAssert.Reports(
                """
                using MultiTask;

                namespace Samples;

                public partial class NotAModel
                {
                    [[|AutoencoderTrunk(4, 8)|]]
                    public partial AutoencoderTrunk Code { get; }

                    [[|MixtureOfExperts(Experts = 2, Hidden = new[] { 8 })|]]
                    public partial MixtureOfExperts Experts { get; }

                    [[|ProgressiveLayeredExtraction(SharedExperts = 1, Hidden = new[] { 8 })|]]
                    public partial ProgressiveLayeredExtraction Levels { get; }
                }
                """,
                new Expected("MTL0017", "'Code' has [AutoencoderTrunk] but its type 'Samples.NotAModel' is not marked [MultiTaskModel]; mark the type, e.g. [MultiTaskModel(InputSize = 64)], or move the property into a model"),
                new Expected("MTL0017", "'Experts' has [MixtureOfExperts] but its type 'Samples.NotAModel' is not marked [MultiTaskModel]; mark the type, e.g. [MultiTaskModel(InputSize = 64)], or move the property into a model"),
                new Expected("MTL0017", "'Levels' has [ProgressiveLayeredExtraction] but its type 'Samples.NotAModel' is not marked [MultiTaskModel]; mark the type, e.g. [MultiTaskModel(InputSize = 64)], or move the property into a model"));
        }

        [Fact]
        public void MTL0014_knows_the_members_generated_for_one_input_per_task()
        {
            DiagnosticAssert.Reports(
                """
                using MultiTask;

                namespace Samples;

                [MultiTaskModel(InputSize = 4, InputPerTask = true)]
                public partial class PerTask
                {
                    public sealed record [|Inputs|](int A);

                    private object? [|RunTrunk|](object input) => null;

                    private object? RunTask(object head, object input) => null;

                    private object [|Represent|](object inputs) => inputs;

                    public object [|Predict|](object inputs) => inputs;

                    [SharedTrunk(8)]
                    public partial Trunk Body { get; }

                    [BinaryHead]
                    public partial Head Flag { get; }

                    [RegressionHead]
                    public partial Head Value { get; }
                }
                """,
                new Expected("MTL0014", "Model 'PerTask' declares a type 'Inputs', but the generator emits the nested record 'Inputs' (one input per task); rename or remove it"),
                new Expected("MTL0014", "Model 'PerTask' declares a method 'RunTrunk', but the generator emits the method 'RunTrunk(Tensor?)'; rename or remove it"),
                new Expected("MTL0014", "Model 'PerTask' declares a method 'Represent', but the generator emits the method 'Represent(Inputs)'; rename or remove it"),
                new Expected("MTL0014", "Model 'PerTask' declares a method 'Predict', but the generator emits the method 'Predict(Inputs)'; rename or remove it"));
        }

        [Fact]
        public void MTL0014_knows_the_soft_sharing_field_and_the_autoencoder_loss()
        {
            DiagnosticAssert.Reports(
                """
                using MultiTask;

                namespace Samples;

                [MultiTaskModel(InputSize = 4)]
                [SoftSharing]
                public partial class Soft
                {
                    private readonly int [|softSharing|];

                    [RegressionHead(Hidden = new[] { 8 })]
                    public partial Head Weight { get; }

                    [RegressionHead(Hidden = new[] { 8 })]
                    public partial Head Waist { get; }
                }

                [MultiTaskModel(InputSize = 4)]
                public partial class Coded
                {
                    // ComputeLoss(outputs, targets) is no clash: the generated one also takes the input.
                    public int ComputeLoss(object outputs, object targets) => 0;

                    public int [|ComputeLoss|](object outputs, object targets, object input) => 0;

                    [AutoencoderTrunk(2, 8)]
                    public partial AutoencoderTrunk Code { get; }

                    [BinaryHead]
                    public partial Head Flag { get; }

                    [RegressionHead]
                    public partial Head Value { get; }
                }
                """,
                new Expected("MTL0014", "Model 'Soft' declares a field 'softSharing', but the generator emits the field 'softSharing' that holds the soft-sharing penalty; rename or remove it"),
                new Expected("MTL0014", "Model 'Coded' declares a method 'ComputeLoss', but the generator emits the method 'ComputeLoss(Outputs, Targets, Tensor)'; rename or remove it"));
        }

        [Fact]
        public void Members_generated_only_for_another_strategy_are_no_clash()
        {
            GeneratorRun run = GeneratorHarness.Run(
                """
                using MultiTask;

                namespace Samples;

                [MultiTaskModel(InputSize = 4)]
                public partial class Plain
                {
                    public sealed record Inputs(int A);

                    private int softSharing = 1;

                    public int RunTask(int a, int b) => a + b + softSharing;

                    [SharedTrunk(8)]
                    public partial Trunk Body { get; }

                    [BinaryHead]
                    public partial Head Flag { get; }

                    [RegressionHead]
                    public partial Head Value { get; }
                }
                """);

            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Single(run.Result.GeneratedSources);
            Assert.DoesNotContain(run.CompilationDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        }

        [Fact]
        public void Model_learning_rate_is_emitted_for_every_strategy()
        {
            GeneratorRun run = GeneratorHarness.Run(
                """
                using MultiTask;

                namespace Samples;

                [MultiTaskModel(InputSize = 4, LearningRate = 0.02, InputPerTask = true)]
                internal partial class PerTask
                {
                    [SharedTrunk(8)]
                    public partial Trunk Body { get; }

                    [BinaryHead]
                    public partial Head Flag { get; }

                    [RegressionHead]
                    public partial Head Value { get; }
                }

                [MultiTaskModel(InputSize = 4, LearningRate = 0.02)]
                internal partial class Coded
                {
                    [AutoencoderTrunk(2, 8)]
                    public partial AutoencoderTrunk Code { get; }

                    [BinaryHead]
                    public partial Head Flag { get; }

                    [RegressionHead]
                    public partial Head Value { get; }
                }
                """);

            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Equal(2, run.Result.GeneratedSources.Length);
            Assert.All(run.Result.GeneratedSources, source =>
                Assert.Contains("public TrainingOptions() => LearningRate = 0.02;", source.SourceText.ToString(), System.StringComparison.Ordinal));
            Diagnostic[] problems = run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
            Assert.True(problems.Length == 0, string.Join("\n", problems.Select(d => d.ToString())));
        }
    }
}
