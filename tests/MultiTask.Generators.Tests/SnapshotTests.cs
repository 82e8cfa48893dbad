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
        public void Hint_names_are_namespace_containing_types_and_type()
        {
            Assert.Equal("Samples.DigitModel.g.cs", GeneratorHarness.Run(SnapshotCases.DigitModel).Result.GeneratedSources.Single().HintName);
            Assert.Equal("Samples.Nested.Models.Registry.InnerModel.g.cs", GeneratorHarness.Run(SnapshotCases.NestedModel).Result.GeneratedSources.Single().HintName);
            Assert.Equal("GlobalModel.g.cs", GeneratorHarness.Run(SnapshotCases.GlobalModel).Result.GeneratedSources.Single().HintName);
        }

        [Fact]
        public void No_verified_snapshot_is_stale()
        {
            Assert.Empty(Snapshot.StaleFiles(SnapshotCases.All.Keys));
        }
    }
}
