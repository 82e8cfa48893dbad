using System;
using System.Collections.Generic;
using System.Linq;
using MultiTask.Tests.Contract;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.Tests
{
    /// <summary>A task whose labels are all masked in a pass has no loss or metrics there (NaN), and selectors say so.</summary>
    public class AbsentTaskTests
    {
        private static (Tensor Input, long[] Digits, bool[] Even) Data(int rows)
        {
            var random = new Random(4);
            var digits = Enumerable.Range(0, rows).Select(_ => (long)random.Next(10)).ToArray();
            return (torch.rand(rows, 64, generator: new Generator(4)), digits, digits.Select(d => d % 2 == 0).ToArray());
        }

        private static (IReadOnlyCollection<DigitModel.Batch> Train, IReadOnlyCollection<DigitModel.Batch> Validation) Batches()
        {
            var (x, digits, even) = Data(24);
            var train = DigitModel.Batch.From(x, new DigitModel.Targets(TaskTarget.Classes(digits), TaskTarget.Binary(even)), batchSize: 8).ToArray();
            var noLabel = new bool[24];
            var validation = DigitModel.Batch.From(x, new DigitModel.Targets(TaskTarget.Classes(digits), TaskTarget.Binary(even, noLabel)), batchSize: 12).ToArray();
            return (train, validation);
        }

        [Fact]
        public void A_pass_without_any_label_of_a_task_reports_its_loss_and_metrics_as_NaN_not_0()
        {
            torch.manual_seed(1);
            using var model = new DigitModel();
            var (train, validation) = Batches();
            using var trainer = model.CreateTrainer(new DigitModel.TrainingOptions { Epochs = 2 });
            var history = trainer.Fit(train, validation);

            var metrics = history[^1].Validation!.IsEven;
            Assert.Equal(0, metrics.Count);
            Assert.All(metrics.Scalars(), s => Assert.True(double.IsNaN(s.Value), $"{s.Key} = {s.Value}"));
            Assert.True(double.IsFinite(history[^1].Validation!.Loss));
            Assert.True(double.IsFinite(history[^1].Train.IsEven.Loss));
            Assert.Equal(24, history[^1].Validation!.Digit.Count);
        }

        [Fact]
        public void Early_stopping_on_a_metric_of_an_absent_task_says_so()
        {
            using var model = new DigitModel();
            var (train, validation) = Batches();
            using var trainer = model.CreateTrainer(new DigitModel.TrainingOptions
            {
                Epochs = 3,
                EarlyStopping = new(m => m.IsEven.Accuracy, HigherIsBetter: true, Patience: 1),
            });
            var error = Assert.Throws<InvalidOperationException>(() => trainer.Fit(train, validation));
            Assert.StartsWith("Early stopping: the monitored value is NaN in epoch 1. A task's loss and metrics are NaN when no row of the pass has its label (every label masked)", error.Message);
        }

        [Fact]
        public void Reduce_on_plateau_on_a_metric_of_an_absent_task_says_so()
        {
            using var model = new DigitModel();
            var (train, validation) = Batches();
            using var trainer = model.CreateTrainer(new DigitModel.TrainingOptions
            {
                Epochs = 3,
                Schedule = LearningRateSchedule.ReduceOnPlateau<DigitModel.Metrics>(m => m.IsEven.Loss),
            });
            var error = Assert.Throws<InvalidOperationException>(() => trainer.Fit(train, validation));
            Assert.StartsWith("ReduceOnPlateau: the monitored value is NaN in epoch 1.", error.Message);
        }
    }
}
