using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using MultiTask.Terminal;
using Spectre.Console.Testing;
using TorchSharp;
using Xunit;

namespace MultiTask.Tests
{
    public sealed class WatchingTests : IDisposable
    {
        private readonly string folder = Path.Combine(Path.GetTempPath(), $"multitask-watching-{Guid.NewGuid():N}");

        public void Dispose()
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        private static TrainingHistory<TinyMetrics> Train(int epochs, IReadOnlyList<TrainingCallback<TinyMetrics>> callbacks, bool validation = true)
        {
            var data = new TinyData(48, seed: 2);
            var held = new TinyData(16, seed: 3);
            torch.manual_seed(2);
            using var net = new TinyNet();
            var options = new TrainingOptions<TinyMetrics> { Epochs = epochs, LearningRate = 0.01, Schedule = LearningRateSchedule.Exponential(0.5), Callbacks = callbacks };
            using var trainer = new TinyTrainer(net, options, classHead: new ComponentOptions { LearningRate = 0.02 });
            return trainer.Fit(data.Batches(12, shuffle: true), validation ? held.Batches(8) : null);
        }

        [Fact]
        public void The_csv_has_an_epoch_row_and_a_column_per_tag_with_the_historys_values()
        {
            var history = Train(3, []);
            var path = Path.Combine(folder, "curves", "history.csv");
            history.WriteCsv(path);

            Assert.Equal(["history.csv"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
            var lines = File.ReadAllLines(path);
            Assert.Equal(4, lines.Length);
            var header = lines[0].Split(',');
            Assert.Equal("epoch", header[0]);
            Assert.Equal(header.Length, header.Distinct().Count());
            foreach (var tag in new[] { "train/loss", "train/Class/Accuracy", "train/Class/Top2Accuracy", "train/Value/R2", "validation/loss", "validation/Value/Rmse", "loss_weight/Class", "learning_rate/Class", "learning_rate/Body", "seconds" })
            {
                Assert.Contains(tag, header);
            }

            for (var e = 0; e < 3; e++)
            {
                var cells = lines[e + 1].Split(',');
                Assert.Equal(header.Length, cells.Length);
                double Cell(string tag) => double.Parse(cells[Array.IndexOf(header, tag)], CultureInfo.InvariantCulture);
                Assert.Equal(e + 1, Cell("epoch"));
                Assert.Equal(history[e].Train.Loss, Cell("train/loss"));
                Assert.Equal(history[e].Validation!.Class.Accuracy, Cell("validation/Class/Accuracy"));
                Assert.Equal(history[e].Train.Value.Mae, Cell("train/Value/Mae"));
                Assert.Equal(history[e].LearningRates["Class"], Cell("learning_rate/Class"));
                Assert.Equal(0.02 * Math.Pow(0.5, e), Cell("learning_rate/Class"), 12);
                Assert.Equal(1.0, Cell("loss_weight/Value"));
            }
        }

        [Fact]
        public void The_json_nests_the_metrics_by_split_and_task_and_writes_non_finite_values_as_null()
        {
            var history = Train(2, []);
            using var document = JsonDocument.Parse(history.ToJson());
            var epochs = document.RootElement.GetProperty("epochs");
            Assert.Equal(2, epochs.GetArrayLength());
            Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("stopReason").ValueKind);
            var second = epochs[1];
            Assert.Equal(2, second.GetProperty("epoch").GetInt32());
            Assert.Equal(history[1].Train.Loss, second.GetProperty("train").GetProperty("loss").GetDouble());
            var classes = second.GetProperty("validation").GetProperty("tasks").GetProperty("Class");
            Assert.Equal(history[1].Validation!.Class.MacroF1, classes.GetProperty("MacroF1").GetDouble());
            Assert.Equal(16, classes.GetProperty("count").GetInt64());
            Assert.Equal(history[1].LearningRates["Body"], second.GetProperty("learningRates").GetProperty("Body").GetDouble());

            // A binary task with one class in the labels has an AUC of NaN: JSON has no NaN, so it is null.
            var nan = new BinaryMetrics("Flag", 0.5, 4, 1, double.NaN, 1, 1);
            var epoch = new EpochResult<TinyMetrics>(1, history[0].Train, null, TimeSpan.FromSeconds(1)) { TrainEvaluation = new EvaluationResult(0.5, [nan]) };
            var single = new TrainingHistory<TinyMetrics>([epoch]);
            using var withNan = JsonDocument.Parse(single.ToJson());
            var flag = withNan.RootElement.GetProperty("epochs")[0].GetProperty("train").GetProperty("tasks").GetProperty("Flag");
            Assert.Equal(JsonValueKind.Null, flag.GetProperty("Auc").ValueKind);
            Assert.Equal(JsonValueKind.Null, withNan.RootElement.GetProperty("epochs")[0].GetProperty("validation").ValueKind);
            Assert.Contains(",NaN,", single.ToCsv(), StringComparison.Ordinal);
        }

        [Fact]
        public void TensorBoard_event_files_hold_every_epoch_tag_with_the_historys_values_step_losses_and_histograms()
        {
            var logger = new TensorBoardLogger<TinyMetrics>(folder) { Histograms = true, StepInterval = 2 };
            var history = Train(3, [logger]);

            var file = Assert.Single(Directory.GetFiles(folder, "events.out.tfevents.*"));
            var (version, values) = EventFile.Read(file);
            Assert.Equal("brain.Event:2", version);
            foreach (var epoch in history)
            {
                foreach (var (tag, value) in EpochScalars.Of(epoch))
                {
                    var written = Assert.Single(values, v => v.Tag == tag && v.Step == epoch.Epoch);
                    Assert.Equal((float)value, written.Simple);
                }
            }

            Assert.Contains(values, v => v.Tag == "validation/Class/Accuracy" && v.Step == 3);
            Assert.Contains(values, v => v.Tag == "loss_weight/Value" && v.Simple == 1f);
            // 4 batches per epoch, 12 steps, a record every 2: steps 2, 4, ..., 12.
            Assert.Equal([2L, 4, 6, 8, 10, 12], values.Where(v => v.Tag == "step/loss").Select(v => v.Step));
            Assert.Equal(6, values.Count(v => v.Tag == "step/Class"));
            Assert.All(values.Where(v => v.Tag.StartsWith("step/", StringComparison.Ordinal)), v => Assert.True(float.IsFinite(v.Simple!.Value) && v.Simple > 0));

            // The shared trunk's parameters, named as in the state dict, with every element counted.
            var weights = values.Where(v => v.Tag.StartsWith("weights/", StringComparison.Ordinal) && v.Step == 3).ToArray();
            Assert.Contains(weights, v => v.Tag == "weights/body.layers.0.weight");
            Assert.DoesNotContain(weights, v => v.Tag.Contains("Head", StringComparison.OrdinalIgnoreCase) || v.Tag.Contains("classHead", StringComparison.Ordinal));
            var first = weights.First(v => v.Tag == "weights/body.layers.0.weight").Histo!;
            Assert.Equal(16 * 4, first.Count);
            Assert.True(first.Min < first.Max);
            Assert.Contains(values, v => v.Tag == "gradients/body.layers.0.weight" && v.Histo is { Count: 64 });
        }

        [Fact]
        public void Without_a_terminal_progress_is_one_summary_line_per_epoch_with_every_validation_metric()
        {
            var console = new TestConsole();
            var history = Train(2, [new TerminalProgress<TinyMetrics>(console) { PlainLineInterval = TimeSpan.Zero }]);

            var lines = console.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd()).ToArray();
            var summaries = lines.Where(l => l.StartsWith("Epoch ", StringComparison.Ordinal) && l.Contains("train loss", StringComparison.Ordinal)).ToArray();
            Assert.Equal(2, summaries.Length);
            Assert.StartsWith("Epoch 2/2", summaries[1], StringComparison.Ordinal);
            Assert.Contains($"train loss {history[1].Train.Loss.ToString("G4", CultureInfo.InvariantCulture)}", summaries[1], StringComparison.Ordinal);
            Assert.Contains($"Accuracy {history[1].Validation!.Class.Accuracy.ToString("G4", CultureInfo.InvariantCulture)}", summaries[1], StringComparison.Ordinal);
            Assert.Contains("Value: Loss", summaries[1], StringComparison.Ordinal);
            // Progress lines (every step here): step i of the epoch's 4 batches, with every task's running loss.
            Assert.Contains(lines, l => l.StartsWith("Epoch 1/2  step 4/4", StringComparison.Ordinal) && l.Contains("Class ", StringComparison.Ordinal) && l.Contains("Value ", StringComparison.Ordinal));
        }

        [Fact]
        public void In_a_terminal_the_bar_runs_per_epoch_and_ends_when_training_fails()
        {
            var console = new TestConsole();
            console.Profile.Capabilities.Interactive = true;
            console.Profile.Capabilities.Ansi = true;
            console.Profile.Width = 200;
            var history = Train(2, [new TerminalProgress<TinyMetrics>(console) { RefreshInterval = TimeSpan.Zero }]);
            Assert.Equal(2, history.Count);
            Assert.Contains("Epoch 2/2", console.Output, StringComparison.Ordinal);
            Assert.True(console.Output.Contains("step 4/4", StringComparison.Ordinal), console.Output);

            // A diverging run: the progress display is closed and says why, and a new one can start afterwards.
            var failing = new TestConsole();
            failing.Profile.Capabilities.Interactive = true;
            var data = new TinyData(16, seed: 1);
            using var net = new TinyNet();
            using var trainer = new TinyTrainer(net, new TrainingOptions<TinyMetrics> { Epochs = 3, LearningRate = 1e6, Callbacks = [new TerminalProgress<TinyMetrics>(failing)] });
            Assert.Throws<TrainingDivergedException>(() => trainer.Fit(data.Batches(8)));
            Assert.Contains("Training failed in epoch 1", failing.Output, StringComparison.Ordinal);
            Assert.Equal(2, Train(2, [new TerminalProgress<TinyMetrics>(failing)]).Count);
        }
    }
}
