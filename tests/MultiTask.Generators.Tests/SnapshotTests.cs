using System.Linq;
using Microsoft.CodeAnalysis;
using MultiTask.Generators.Tests.Infrastructure;
using Xunit;

namespace MultiTask.Generators.Tests
{
    public sealed class SnapshotTests
    {
        [Theory]
        [MemberData(nameof(SnapshotCases.Names), MemberType = typeof(SnapshotCases))]
        public void Generated_code_matches_the_verified_snapshot(string name)
        {
            GeneratorRun run = GeneratorHarness.Run(SnapshotCases.All[name]);

            Assert.Null(run.Result.Exception);
            Assert.Empty(run.GeneratorDiagnostics);
            GeneratedSourceResult source = Assert.Single(run.Result.GeneratedSources);
            Snapshot.Verify(name, source.SourceText.ToString());
        }

        [Theory]
        [MemberData(nameof(SnapshotCases.Names), MemberType = typeof(SnapshotCases))]
        public void Generated_code_compiles_without_warnings(string name)
        {
            GeneratorRun run = GeneratorHarness.Run(SnapshotCases.All[name]);

            Diagnostic[] problems = run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
            Assert.True(problems.Length == 0, string.Join("\n", problems.Select(d => d.ToString())));
        }

        [Fact]
        public void Generated_api_is_usable_from_user_code_without_warnings()
        {
            GeneratorRun run = GeneratorHarness.Run(
                SnapshotCases.DigitModel,
                """
                using System.Collections.Generic;
                using MultiTask;
                using TorchSharp;

                namespace Samples;

                /// <summary>Uses every generated member.</summary>
                public static class Usage
                {
                    /// <summary>Trains, evaluates and predicts.</summary>
                    public static double Run(torch.Tensor x, long[] digits, bool[] even)
                    {
                        using var model = new DigitModel();
                        var targets = new DigitModel.Targets(TaskTarget.Classes(digits), TaskTarget.Binary(even));
                        IEnumerable<DigitModel.Batch> batches = DigitModel.Batch.From(x, targets, batchSize: 32, shuffle: true, seed: 1);
                        var options = new DigitModel.TrainingOptions
                        {
                            Epochs = 2,
                            LearningRate = 1e-3,
                            IsEven = new ComponentOptions { LearningRate = 1e-4 },
                            Body = new ComponentOptions { WeightDecay = 0.01 },
                            EarlyStopping = new EarlyStopping<DigitModel.Metrics>(m => m.Digit.Accuracy, HigherIsBetter: true),
                        };
                        using DigitModel.Trainer trainer = model.CreateTrainer(options);
                        TrainingHistory<DigitModel.Metrics> history = trainer.Fit(batches, batches);
                        DigitModel.Metrics metrics = trainer.Evaluate(batches);
                        DigitModel.Outputs outputs = model.forward(x);
                        DigitModel.Losses losses = model.ComputeLoss(outputs, targets);
                        DigitModel.Predictions predictions = model.Predict(x);
                        Trunk body = model.Body;
                        Head head = model.IsEven;
                        string summary = model.Summary().ToString();
                        return metrics.Loss + metrics.IsEven.Auc + losses.Total.item<float>() + predictions.Digit.Classes.shape[0]
                            + history.Count + summary.Length + body.OutputSize + head.GetHashCode();
                    }
                }
                """);

            Diagnostic[] problems = run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
            Assert.True(problems.Length == 0, string.Join("\n", problems.Select(d => d.ToString())));
        }

        [Fact]
        public void Sharing_strategy_apis_are_usable_from_user_code_without_warnings()
        {
            GeneratorRun run = GeneratorHarness.Run(
                SnapshotCases.SoftSharingModel,
                SnapshotCases.AutoencoderModel,
                SnapshotCases.MmoeModel,
                SnapshotCases.PerTaskInputModel,
                """
                using System.Collections.Generic;
                using MultiTask;
                using TorchSharp;
                using Samples.Inputs;
                using Samples.Recommendation;
                using Samples.Sharing;

                namespace Samples;

                /// <summary>Uses the members each strategy adds.</summary>
                public static class StrategyUsage
                {
                    /// <summary>Soft-sharing penalty, reconstruction, pre-training, gates, per-task batches.</summary>
                    public static double Run(torch.Tensor x, torch.Tensor x12, torch.Tensor x32, torch.Tensor x10, TaskTarget y, TaskTarget classes)
                    {
                        using var soft = new SoftSharingModel();
                        SoftSharingModel.Losses softLosses = soft.ComputeLoss(soft.forward(x), new SoftSharingModel.Targets(y, y));
                        torch.Tensor penalty = softLosses.SoftSharing;

                        using var autoencoder = new AutoencoderModel();
                        AutoencoderModel.Outputs outputs = autoencoder.forward(x12);
                        AutoencoderModel.Losses losses = autoencoder.ComputeLoss(outputs, new AutoencoderModel.Targets(y, y), x12);
                        TrainingHistory<RegressionMetrics> pretraining = autoencoder.CreateTrainer().PretrainAutoencoder([x12], epochs: 2, validation: [x12]);

                        using var mmoe = new MmoeModel();
                        torch.Tensor[] gates = mmoe.Experts.GateWeights(x32);

                        using var perTask = new PerTaskInputModel();
                        IEnumerable<PerTaskInputModel.Batch> batches = PerTaskInputModel.Batch.From(new TaskData(x10, classes), null, batchSize: 8, shuffle: true);
                        PerTaskInputModel.Outputs perTaskOutputs = perTask.forward(new PerTaskInputModel.Inputs(x10, null));
                        PerTaskInputModel.Predictions predictions = perTask.Predict(new PerTaskInputModel.Inputs(null, x10));
                        PerTaskInputModel.Metrics metrics = perTask.CreateTrainer().Evaluate(batches);
                        return penalty.item<float>() + losses.Reconstruction.item<float>() + outputs.Reconstruction.shape[1] + pretraining[0].Validation!.Rmse + gates.Length
                            + (perTaskOutputs.Topic?.shape[0] ?? 0) + (predictions.Rating?.Values.shape[0] ?? 0) + metrics.Rating.Count;
                    }
                }
                """);

            Diagnostic[] problems = run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
            Assert.True(problems.Length == 0, string.Join("\n", problems.Select(d => d.ToString())));
        }

        [Fact]
        public void Every_model_is_an_IMultiTaskModel_that_code_written_once_can_train()
        {
            GeneratorRun run = GeneratorHarness.Run(
                SnapshotCases.DigitModel,
                SnapshotCases.AutoencoderModel,
                SnapshotCases.MmoeModel,
                SnapshotCases.PerTaskInputModel,
                SnapshotCases.UncertaintyModel,
                """
                using System.Collections.Generic;
                using MultiTask;
                using Samples.Inputs;
                using Samples.Recommendation;
                using Samples.Sharing;
                using Samples.Weighting;

                namespace Samples;

                /// <summary>One function for every model.</summary>
                public static class Generic
                {
                    /// <summary>Trains one epoch and evaluates.</summary>
                    public static TMetrics FitAndEvaluate<TBatch, TMetrics>(IMultiTaskModel<TBatch, TMetrics> model, IEnumerable<TBatch> data)
                    {
                        using IMultiTaskTrainer<TBatch, TMetrics> trainer = model.CreateTrainer(new TrainingOptions<TMetrics> { Epochs = 1 });
                        trainer.Fit(data);
                        return trainer.Evaluate(data);
                    }

                    /// <summary>Every kind of model through the same function.</summary>
                    public static double All(IEnumerable<DigitModel.Batch> digits, IEnumerable<AutoencoderModel.Batch> codes, IEnumerable<MmoeModel.Batch> clicks, IEnumerable<PerTaskInputModel.Batch> sources, IEnumerable<UncertaintyModel.Batch> depths)
                    {
                        using var digit = new DigitModel();
                        using var code = new AutoencoderModel();
                        using var mmoe = new MmoeModel();
                        using var perTask = new PerTaskInputModel();
                        using var uncertainty = new UncertaintyModel();
                        IMultiTaskNetwork<UncertaintyModel.Batch> network = uncertainty;
                        return FitAndEvaluate(digit, digits).Loss + FitAndEvaluate(code, codes).Loss + FitAndEvaluate(mmoe, clicks).Loss
                            + FitAndEvaluate(perTask, sources).Loss + FitAndEvaluate(uncertainty, depths).Loss + network.Parts.Shared.Count;
                    }
                }

                /// <summary>The model's options made from generic ones.</summary>
                public static class OptionsUsage
                {
                    /// <summary>The settings of generic options copied into the model's, with the components' declared settings.</summary>
                    public static double[] Copied()
                    {
                        var generic = new TrainingOptions<DigitModel.Metrics> { Epochs = 3, LearningRate = 0.01, Seed = 7 };
                        DigitModel.TrainingOptions options = DigitModel.TrainingOptions.From(generic);
                        return [options.Epochs, options.LearningRate, options.Seed, options.IsEven.LearningRate ?? -1, options.Digit.LearningRate ?? -1];
                    }

                    /// <summary>The model's own options come back as they are.</summary>
                    public static bool Kept()
                    {
                        var options = new DigitModel.TrainingOptions { Epochs = 2 };
                        return ReferenceEquals(DigitModel.TrainingOptions.From(options), options);
                    }
                }
                """);

            Diagnostic[] problems = run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
            Assert.True(problems.Length == 0, string.Join("\n", problems.Select(d => d.ToString())));

            using var image = new System.IO.MemoryStream();
            Assert.True(run.Output.Emit(image).Success);
            var context = new System.Runtime.Loader.AssemblyLoadContext("Options", isCollectible: true);
            try
            {
                System.Type usage = context.LoadFromStream(new System.IO.MemoryStream(image.ToArray())).GetType("Samples.OptionsUsage")!;
                Assert.Equal([3, 0.01, 7, 3e-4, -1], (double[])usage.GetMethod("Copied")!.Invoke(null, null)!);
                Assert.True((bool)usage.GetMethod("Kept")!.Invoke(null, null)!);
            }
            finally
            {
                context.Unload();
            }
        }

        [Fact]
        public void Autoencoder_trunk_can_be_written_with_named_arguments()
        {
            string positional = GeneratorHarness.Run(SnapshotCases.AutoencoderModel).SingleSource;
            GeneratorRun named = GeneratorHarness.Run(SnapshotCases.AutoencoderModel.Replace("[AutoencoderTrunk(4, 8, ", "[AutoencoderTrunk(Latent = 4, Hidden = new[] { 8 }, ", System.StringComparison.Ordinal));

            Assert.Empty(named.GeneratorDiagnostics);
            Assert.Equal(positional, named.SingleSource);
        }

        [Fact]
        public void Hint_names_are_namespace_containing_types_and_type()
        {
            Assert.Equal("Samples.DigitModel.g.cs", GeneratorHarness.Run(SnapshotCases.DigitModel).Result.GeneratedSources.Single().HintName);
            Assert.Equal("Samples.Nested.Models.Registry.InnerModel.g.cs", GeneratorHarness.Run(SnapshotCases.NestedModel).Result.GeneratedSources.Single().HintName);
            Assert.Equal("GlobalModel.g.cs", GeneratorHarness.Run(SnapshotCases.GlobalModel).Result.GeneratedSources.Single().HintName);
        }

        [Theory]
        [InlineData("public partial Head @class { get; }", "private readonly global::MultiTask.Head _class;", "public partial global::MultiTask.Head @class => _class;", "classTask = new(\"class\"")]
        [InlineData("public partial Head @event { get; }", "private readonly global::MultiTask.Head _event;", "public partial global::MultiTask.Head @event => _event;", "eventTask = new(\"event\"")]
        [InlineData("public partial Head 点击率 { get; }", "private readonly global::MultiTask.Head _点击率;", "public partial global::MultiTask.Head 点击率 => _点击率;", "点击率Task = new(\"点击率\"")]
        [InlineData("public partial Head Клик { get; }", "private readonly global::MultiTask.Head клик;", "public partial global::MultiTask.Head Клик => клик;", "КликTask = new(\"Клик\"")]
        [InlineData("public partial Head клик { get; }", "private readonly global::MultiTask.Head _клик;", "public partial global::MultiTask.Head клик => _клик;", "кликTask = new(\"клик\"")]
        [InlineData("public partial Head _raw { get; }", "private readonly global::MultiTask.Head __raw;", "public partial global::MultiTask.Head _raw => __raw;", "_rawTask = new(\"_raw\"")]
        [InlineData("public partial Head Top5 { get; }", "private readonly global::MultiTask.Head top5;", "public partial global::MultiTask.Head Top5 => top5;", "Top5Task = new(\"Top5\"")]
        [InlineData("public partial Head x2y { get; }", "private readonly global::MultiTask.Head _x2y;", "public partial global::MultiTask.Head x2y => _x2y;", "x2yTask = new(\"x2y\"")]
        public void Every_legal_identifier_is_a_task_name_with_a_derived_field(string head, string field, string property, string task)
        {
            GeneratorRun run = GeneratorHarness.Run($"using MultiTask; namespace N; [MultiTaskModel(InputSize = 4)] public partial class M {{ [SharedTrunk(8)] public partial Trunk Body {{ get; }} [BinaryHead] public partial Head Flag {{ get; }} [RegressionHead] {head} }}");

            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "CS1591"));
            Assert.Contains(field, run.SingleSource, System.StringComparison.Ordinal);
            Assert.Contains(property, run.SingleSource, System.StringComparison.Ordinal);
            Assert.Contains(task, run.SingleSource, System.StringComparison.Ordinal);
        }

        [Fact]
        public void Heads_named_like_a_parameter_of_the_records_are_qualified_with_this()
        {
            GeneratorRun run = GeneratorHarness.Run("using MultiTask; namespace N; [MultiTaskModel(InputSize = 4)] public partial class M { [SharedTrunk(8)] public partial Trunk Body { get; } [BinaryHead] public partial Head device { get; } [RegressionHead] public partial Head rows { get; } }");

            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "CS1591"));
            Assert.Contains("=> new(device.Select(rows), this.rows.Select(rows));", run.SingleSource, System.StringComparison.Ordinal);
            Assert.Contains("=> new(this.device.To(device), rows.To(device));", run.SingleSource, System.StringComparison.Ordinal);
        }

        [Fact]
        public void No_verified_snapshot_is_stale()
        {
            Assert.Empty(Snapshot.StaleFiles(SnapshotCases.All.Keys));
        }
    }
}
