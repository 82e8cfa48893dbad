using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using Xunit;

namespace MultiTask.Tests
{
    public class EngineTests
    {
        [Fact]
        public void An_exploding_run_stops_and_restores_the_last_good_weights()
        {
            // Adam at 1e6 keeps every loss finite but huge: the explosion check, not the NaN check, must catch it.
            var data = new TinyData(64, seed: 1);
            torch.manual_seed(1);
            using var net = new TinyNet();
            var initial = TestTensors.Weights(net);
            using var trainer = new TinyTrainer(net, new TrainingOptions<TinyMetrics> { Epochs = 5, LearningRate = 1e6 });
            var error = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(data.Batches(8)));
            Assert.Equal(1, error.Epoch);
            Assert.Equal(0, error.RestoredEpoch);
            Assert.Contains("ExplosionFactor", error.Message);
            Assert.True(TestTensors.SameWeights(initial, TestTensors.Weights(net)));
        }

        [Fact]
        public void The_explosion_check_can_be_turned_off()
        {
            var data = new TinyData(64, seed: 1);
            torch.manual_seed(1);
            using var net = new TinyNet();
            using var trainer = new TinyTrainer(net, new TrainingOptions<TinyMetrics> { Epochs = 1, LearningRate = 1e6, ExplosionFactor = null });
            var history = trainer.Fit(data.Batches(8));
            Assert.True(history[0].Train.Loss > 1000 * 1.5);
        }

        [Fact]
        public void A_schedule_scales_every_group_and_keeps_their_ratios()
        {
            var data = new TinyData(32, seed: 2);
            torch.manual_seed(2);
            using var net = new TinyNet();
            var options = new TrainingOptions<TinyMetrics> { Epochs = 4, LearningRate = 0.01, Schedule = LearningRateSchedule.Step(stepSize: 2, gamma: 0.5) };
            using var trainer = new TinyTrainer(net, options, classHead: new ComponentOptions { LearningRate = 0.03 });
            var history = trainer.Fit(data.Batches(16));
            Assert.Equal([0.01, 0.01, 0.005, 0.005], history.Select(e => e.LearningRates["Body"]));
            Assert.Equal([0.03, 0.03, 0.015, 0.015], history.Select(e => e.LearningRates["Class"]), new Tolerance(1e-12));
            Assert.Equal(0.005, trainer.Optimizer.ParamGroups.First().LearningRate);
        }

        [Fact]
        public void Cosine_with_warm_up_sets_the_rate_of_every_step()
        {
            var data = new TinyData(40, seed: 3);
            torch.manual_seed(3);
            using var net = new TinyNet();
            var rates = new List<double>();
            var options = new TrainingOptions<TinyMetrics>
            {
                Epochs = 3,
                LearningRate = 0.1,
                Schedule = LearningRateSchedule.Cosine(epochs: 3, minFactor: 0.1, warmupSteps: 2),
                Callbacks = [new RateProbe(rates)],
            };
            using var trainer = new TinyTrainer(net, options);
            RateProbe.Trainer = trainer;
            trainer.Fit(data.Batches(8));

            // 5 batches per epoch, 15 steps: warm-up 0.05, 0.1; then 0.1 * (0.1 + 0.9 (1 + cos(pi (t - 2) / 13)) / 2).
            Assert.Equal(15, rates.Count);
            Assert.Equal(0.05, rates[0], 12);
            Assert.Equal(0.1, rates[1], 12);
            for (var t = 2; t < 15; t++)
            {
                Assert.Equal(0.1 * (0.1 + (0.9 * (1 + Math.Cos(Math.PI * (t - 2) / 13.0)) / 2)), rates[t], 12);
            }
        }

        /// <summary>Records the first group's learning rate at every step.</summary>
        private sealed class RateProbe(List<double> rates) : TrainingCallback<TinyMetrics>
        {
            public static TinyTrainer? Trainer { get; set; }

            public override void OnStepEnd(StepEnd step) => rates.Add(Trainer!.Optimizer.ParamGroups.First().LearningRate);
        }

        [Fact]
        public void The_device_option_moves_the_model_and_every_batch()
        {
            var data = new TinyData(32, seed: 4);
            torch.manual_seed(4);
            using var net = new TinyNet();
            using var trainer = new TinyTrainer(net, new TrainingOptions<TinyMetrics> { Epochs = 2, Device = torch.CPU });
            var history = trainer.Fit(data.Batches(8), data.Batches(16));
            Assert.Equal(2, history.Count);
            Assert.All(net.parameters(), p => Assert.Equal(DeviceType.CPU, p.device_type));
            Assert.Equal(32, trainer.Evaluate(data.Batches(16)).Class.Count);
        }

        private sealed class Tolerance(double epsilon) : IEqualityComparer<double>
        {
            public bool Equals(double x, double y) => Math.Abs(x - y) <= epsilon;

            public int GetHashCode(double obj) => 0;
        }
    }
}
