using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.Tests
{
    public class TrainerTests
    {
        private static TinyNet NewNet(int seed = 0, double dropout = 0)
        {
            torch.manual_seed(seed);
            return new TinyNet(dropout: dropout);
        }

        [Fact]
        public void Live_tensor_count_is_flat_across_steps()
        {
            var data = new TinyData(160, seed: 1, maskedFraction: 0.2);
            using var net = NewNet();
            var counts = new Dictionary<long, long>();
            var steps = new Recorder<StepProgress>(s => counts[s.Step] = DisposeScopeManager.Statistics.ThreadTotalLiveCount);
            using var trainer = new TinyTrainer(net, new TrainingOptions<TinyMetrics> { Epochs = 10, StepProgress = steps, StepProgressInterval = 1, GradientClipNorm = 5 });
            var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
            trainer.Fit(data.Batches(8, shuffle: true, seed: 3), data.Batches(40));
            var after = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

            Assert.Equal(200, steps.Items.Count); // 20 batches x 10 epochs
            Assert.Equal(counts[20], counts[200]);
            Assert.Equal(counts[25], counts[137]);
            Assert.Equal(before, after);
        }

        [Fact]
        public void Component_learning_rates_reach_the_optimizer_groups()
        {
            using var net = NewNet();
            using var trainer = new TinyTrainer(
                net,
                new TrainingOptions<TinyMetrics> { LearningRate = 0.01, WeightDecay = 0.001 },
                classHead: new ComponentOptions { LearningRate = 0.05 },
                valueHead: new ComponentOptions { LearningRate = 3e-4, WeightDecay = 0.1 });
            var groups = trainer.Optimizer.ParamGroups.ToArray();
            Assert.Equal([0.01, 0.05, 3e-4], groups.Select(g => g.LearningRate));
            var decay = groups.Select(g => ((Adam.Options)((ParamGroup)g).Options).weight_decay).ToArray();
            Assert.Equal([0.001, 0.001, 0.1], decay);
            var sizes = groups.Select(g => ((ParamGroup)g).Parameters.Count()).ToArray();
            Assert.Equal([2, 2, 4], sizes);
        }

        [Theory]
        [InlineData(OptimizerKind.Adam)]
        [InlineData(OptimizerKind.AdamW)]
        [InlineData(OptimizerKind.Sgd)]
        public void Loss_falls_on_a_learnable_problem(OptimizerKind optimizer)
        {
            var data = new TinyData(256, seed: 2);
            using var net = NewNet(1);
            var lr = optimizer == OptimizerKind.Sgd ? 0.05 : 0.01;
            using var trainer = new TinyTrainer(net, new TrainingOptions<TinyMetrics> { Epochs = 15, LearningRate = lr, Optimizer = optimizer });
            var history = trainer.Fit(data.Batches(32, shuffle: true));
            Assert.Equal(15, history.Count);
            Assert.True(history[^1].Train.Loss < 0.6 * history[0].Train.Loss, $"{history[0].Train.Loss} -> {history[^1].Train.Loss}");
            Assert.True(history[^1].Train.Value.Loss < history[0].Train.Value.Loss);
            var metrics = trainer.Evaluate(data.Batches(64));
            Assert.True(metrics.Class.Accuracy > 0.6, $"accuracy {metrics.Class.Accuracy}");
            Assert.Equal(256, metrics.Class.Count);
        }

        [Fact]
        public void Same_seed_gives_identical_runs()
        {
            double[] Run()
            {
                var data = new TinyData(96, seed: 4);
                using var net = NewNet(seed: 9, dropout: 0.3);
                using var trainer = new TinyTrainer(net, new TrainingOptions<TinyMetrics> { Epochs = 4, Seed = 5 });
                return trainer.Fit(data.Batches(16, shuffle: true, seed: 2), data.Batches(48)).SelectMany(e => new[] { e.Train.Loss, e.Validation!.Loss }).ToArray();
            }

            var first = Run();
            var second = Run();
            Assert.Equal(first, second);
        }

        [Fact]
        public void Early_stopping_stops_and_restores_the_best_weights()
        {
            var data = new TinyData(128, seed: 5);
            using var net = NewNet(2);
            var weights = new Dictionary<int, Dictionary<string, float[]>>();
            var progress = new Recorder<EpochResult<TinyMetrics>>(e => weights[e.Epoch] = TestTensors.Weights(net));
            // The loss falls every epoch, so "higher is better" makes epoch 1 the best one.
            var options = new TrainingOptions<TinyMetrics>
            {
                Epochs = 20,
                LearningRate = 0.01,
                Progress = progress,
                EarlyStopping = new EarlyStopping<TinyMetrics>(m => m.Loss, HigherIsBetter: true, Patience: 2),
            };
            using var trainer = new TinyTrainer(net, options);
            var history = trainer.Fit(data.Batches(32), data.Batches(64));

            Assert.Equal(3, history.Count);
            Assert.True(history.StoppedEarly);
            Assert.Equal(1, history.BestEpoch);
            Assert.Equal(3, progress.Items.Count);
            Assert.False(TestTensors.SameWeights(weights[1], weights[3]));
            Assert.True(TestTensors.SameWeights(weights[1], TestTensors.Weights(net)));
        }

        [Fact]
        public void Early_stopping_monitors_training_metrics_without_validation_and_can_keep_last_weights()
        {
            var data = new TinyData(64, seed: 6);
            using var net = NewNet(3);
            var options = new TrainingOptions<TinyMetrics>
            {
                Epochs = 6,
                EarlyStopping = new EarlyStopping<TinyMetrics>(m => m.Loss, Patience: 1, MinDelta: 1e9, RestoreBestWeights: false),
            };
            using var trainer = new TinyTrainer(net, options);
            var history = trainer.Fit(data.Batches(16));
            Assert.Equal(2, history.Count); // epoch 2 cannot improve by 1e9
            Assert.Equal(1, history.BestEpoch);
            Assert.Null(history[0].Validation);
        }

        [Fact]
        public void A_nan_target_diverges_naming_the_task_and_restores_the_last_finite_weights()
        {
            var data = new TinyData(64, seed: 7);
            using var net = NewNet(4);
            var bad = TaskTarget.Values(Enumerable.Repeat(float.NaN, 16).ToArray());
            var train = new PerEpochData<TinyBatch>(epoch => epoch < 3
                ? data.Batches(16)
                : data.Batches(16).Select((b, i) => i == 1 ? b with { Value = bad } : b));
            Dictionary<string, float[]>? afterEpoch2 = null;
            var progress = new Recorder<EpochResult<TinyMetrics>>(e => afterEpoch2 = TestTensors.Weights(net));
            using var trainer = new TinyTrainer(net, new TrainingOptions<TinyMetrics> { Epochs = 5, Progress = progress });

            var error = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(train));
            Assert.Equal("Value", error.Task);
            Assert.Equal(3, error.Epoch);
            Assert.Equal(2, error.RestoredEpoch);
            Assert.Contains("'Value'", error.Message);
            Assert.Contains("epoch 3", error.Message);
            Assert.True(TestTensors.SameWeights(afterEpoch2!, TestTensors.Weights(net)));
            Assert.All(TestTensors.Weights(net).Values.SelectMany(v => v), w => Assert.True(float.IsFinite(w)));
        }

        [Fact]
        public void A_nan_input_in_the_first_epoch_restores_the_initial_weights()
        {
            var data = new TinyData(32, seed: 8);
            using var net = NewNet(5);
            var initial = TestTensors.Weights(net);
            var train = data.Batches(16).Select(b => b with { Input = torch.full(16, 4, float.NaN) });
            using var trainer = new TinyTrainer(net, new TrainingOptions<TinyMetrics> { Epochs = 3 });
            var error = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(train));
            Assert.Equal("Class", error.Task);
            Assert.Equal(1, error.Epoch);
            Assert.Equal(0, error.RestoredEpoch);
            Assert.True(TestTensors.SameWeights(initial, TestTensors.Weights(net)));
        }

        [Fact]
        public void A_huge_learning_rate_diverges()
        {
            var data = new TinyData(64, seed: 9);
            using var net = NewNet(6);
            using var trainer = new TinyTrainer(net, new TrainingOptions<TinyMetrics> { Epochs = 50, Optimizer = OptimizerKind.Sgd, LearningRate = 1e12, Momentum = 0.9 });
            var error = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(data.Batches(8)));
            Assert.Contains(error.Task, new[] { "Class", "Value", "total" });
            Assert.All(TestTensors.Weights(net).Values.SelectMany(v => v), w => Assert.True(float.IsFinite(w)));
        }

        [Fact]
        public void Masked_rows_do_not_change_a_tasks_loss_or_metrics()
        {
            var data = new TinyData(40, seed: 10);
            using var net = NewNet(7);
            using var trainer = new TinyTrainer(net, new TrainingOptions<TinyMetrics>());

            // The same rows plus 10 extra rows whose value label is masked and garbage.
            using var extraInput = torch.randn(10, 4).mul(100);
            var input = torch.cat([data.Input, extraInput]);
            var classes = TaskTarget.Classes(data.Class.Labels.data<long>().ToArray().Concat(new long[10]).ToArray());
            var values = TaskTarget.Values(
                data.Value.Labels.data<float>().ToArray().Concat(Enumerable.Repeat(float.NaN, 10)).ToArray(),
                Enumerable.Repeat(true, 40).Concat(Enumerable.Repeat(false, 10)).ToArray());
            var padded = new[] { new TinyBatch(input, classes, values) };
            var plain = new[] { new TinyBatch(data.Input, data.Class, data.Value) };

            var a = trainer.Evaluate(plain);
            var b = trainer.Evaluate(padded);
            Assert.Equal(a.Value.Loss, b.Value.Loss, 6);
            Assert.Equal(a.Value.Rmse, b.Value.Rmse, 6);
            Assert.Equal(40, b.Value.Count);
            Assert.Equal(50, b.Class.Count);
        }

        [Fact]
        public void Gradient_clipping_bounds_the_update()
        {
            var data = new TinyData(16, seed: 11);
            using var net = NewNet(8);
            var before = TestTensors.Weights(net);
            using var trainer = new TinyTrainer(net, new TrainingOptions<TinyMetrics> { Epochs = 1, Optimizer = OptimizerKind.Sgd, Momentum = 0, LearningRate = 1, GradientClipNorm = 1e-3 });
            trainer.Fit(data.Batches(16));
            var after = TestTensors.Weights(net);
            var squared = before.Sum(kv => kv.Value.Zip(after[kv.Key], (x, y) => (double)(x - y) * (x - y)).Sum());
            Assert.Equal(1e-3, Math.Sqrt(squared), 6);
        }

        [Fact]
        public void Evaluate_restores_the_previous_mode_and_does_not_train()
        {
            var data = new TinyData(32, seed: 12);
            using var net = NewNet(9, dropout: 0.5);
            using var trainer = new TinyTrainer(net, new TrainingOptions<TinyMetrics>());
            var weights = TestTensors.Weights(net);
            net.train();
            var first = trainer.Evaluate(data.Batches(8));
            Assert.True(net.training);
            net.eval();
            var second = trainer.Evaluate(data.Batches(8));
            Assert.False(net.training);
            Assert.Equal(first.Loss, second.Loss); // eval mode: dropout off, deterministic
            Assert.True(TestTensors.SameWeights(weights, TestTensors.Weights(net)));
            Assert.True(torch.is_grad_enabled());
        }

        [Fact]
        public void Step_progress_is_reported_at_the_interval_and_epochs_to_progress()
        {
            var data = new TinyData(40, seed: 13);
            using var net = NewNet(10);
            var steps = new Recorder<StepProgress>();
            var epochs = new Recorder<EpochResult<TinyMetrics>>();
            using var trainer = new TinyTrainer(net, new TrainingOptions<TinyMetrics> { Epochs = 3, StepProgress = steps, StepProgressInterval = 4, Progress = epochs });
            var history = trainer.Fit(data.Batches(8), data.Batches(20));
            Assert.Equal([4L, 8L, 12L], steps.Items.Select(s => s.Step)); // 5 steps per epoch
            Assert.Equal([1, 2, 3], steps.Items.Select(s => s.Epoch));
            Assert.Equal([1, 2, 3], epochs.Items.Select(e => e.Epoch));
            Assert.Same(history[2], epochs.Items[2]);
            Assert.Null(history.BestEpoch);
            Assert.False(history.StoppedEarly);
            Assert.Equal(40, history[0].Validation!.Class.Count);
        }

        [Fact]
        public void Empty_training_data_is_an_error()
        {
            using var net = NewNet();
            using var trainer = new TinyTrainer(net, new TrainingOptions<TinyMetrics>());
            Assert.Throws<InvalidOperationException>(() => trainer.Fit(Array.Empty<TinyBatch>()));
        }

        [Fact]
        public void Inference_enter_disables_gradients_and_restores_the_mode()
        {
            using var net = NewNet();
            net.train();
            using (Inference.Enter(net))
            {
                Assert.False(net.training);
                Assert.False(torch.is_grad_enabled());
            }

            Assert.True(net.training);
            Assert.True(torch.is_grad_enabled());
        }
    }
}
