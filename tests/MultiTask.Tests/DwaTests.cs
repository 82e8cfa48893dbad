using System;
using System.Linq;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.Tests
{
    /// <summary>Dynamic Weight Average against the formula of Liu et al. 2019 computed here from the epoch losses.</summary>
    [Collection(SerialCollection.Name)]
    public class DwaTests
    {
        private static readonly TaskDefinition[] TwoTasks = [new RegressionTask("A"), new BinaryTask("B")];

        /// <summary><c>K exp(r_i / T) / sum_j exp(r_j / T)</c> with <c>r_i = after_i / before_i</c>, written out.</summary>
        private static double[] Expected(double[] before, double[] after, double temperature)
        {
            var exps = before.Select((b, i) => Math.Exp(after[i] / b / temperature)).ToArray();
            return exps.Select(e => before.Length * e / exps.Sum()).ToArray();
        }

        /// <summary>A step whose losses are <c>x^2</c> and <c>4x</c> at x = 3 (one per task present, the rest zero placeholders).</summary>
        private static (TaskStep Step, Tensor X) QuadraticStep(bool[] present)
        {
            var x = torch.tensor(3.0f, requires_grad: true);
            var losses = present.Select((p, i) => !p ? torch.zeros(Array.Empty<long>()) : i % 2 == 0 ? x.square() : x.mul(4)).ToArray();
            var outputs = present.Select(p => p ? torch.zeros(1) : null).ToArray();
            return (new TaskStep(LossSum.Of(losses), losses, outputs, new TaskTarget?[present.Length]), x);
        }

        [Fact]
        public void Weights_are_one_for_two_epochs_then_follow_the_rates_of_the_history_losses()
        {
            var data = new TinyData(128, seed: 4);
            torch.manual_seed(2);
            using var net = new TinyNet(weighting: tasks => new Dwa(tasks));
            using var trainer = new TinyTrainer(net, new TrainingOptions<TinyMetrics> { Epochs = 4, LearningRate = 0.01 });
            var history = trainer.Fit(data.Batches(16));

            Assert.All(history.Take(2), e => Assert.All(e.LossWeights.Values, w => Assert.Equal(1.0, w)));
            for (var epoch = 2; epoch < 4; epoch++)
            {
                double[] Losses(int e) => [history[e].Train.Class.Loss, history[e].Train.Value.Loss];
                var expected = Expected(Losses(epoch - 2), Losses(epoch - 1), temperature: 2);
                Assert.Equal(expected[0], history[epoch].LossWeights["Class"], 5);
                Assert.Equal(expected[1], history[epoch].LossWeights["Value"], 5);
                Assert.Equal(2.0, history[epoch].LossWeights.Values.Sum(), 5);
            }

            // The losses fall at different rates, so the weights have moved off 1.
            Assert.NotEqual(1.0, history[2].LossWeights["Class"], 3);
        }

        [Fact]
        public void The_weights_scale_the_back_propagated_losses()
        {
            using var weighting = new Dwa(TwoTasks) { Temperature = 0.5 };
            weighting.OnEpochEnd(1, [2.0, 1.0]);
            weighting.OnEpochEnd(2, [1.0, 0.9]);
            using var scope = torch.NewDisposeScope();
            var (step, x) = QuadraticStep([true, true]);

            var weights = TestTensors.Floats(weighting.Backward(step, new TaskGradients([])));

            var expected = Expected([2.0, 1.0], [1.0, 0.9], temperature: 0.5);
            Assert.Equal(expected[0], weights[0], 5);
            Assert.Equal(expected[1], weights[1], 5);
            // d/dx of w_A x^2 + w_B 4x at x = 3.
            Assert.Equal(expected[0] * 2 * 3 + expected[1] * 4, x.grad!.ToDouble(), 4);
        }

        [Fact]
        public void An_absent_task_gets_weight_zero_and_the_present_ones_share_their_count()
        {
            var tasks = new TaskDefinition[] { new RegressionTask("A"), new BinaryTask("B"), new RegressionTask("C") };
            using var weighting = new Dwa(tasks);
            weighting.OnEpochEnd(1, [1.0, 1.0, 1.0]);
            weighting.OnEpochEnd(2, [0.5, 0.8, 0.7]);
            using var scope = torch.NewDisposeScope();

            var weights = TestTensors.Floats(weighting.Backward(QuadraticStep([true, false, true]).Step, new TaskGradients([])));

            // Two tasks present: 2 softmax over their rates 0.5 and 0.7 at T = 2.
            var expected = Expected([1.0, 1.0], [0.5, 0.7], temperature: 2);
            Assert.Equal(expected[0], weights[0], 5);
            Assert.Equal(0f, weights[1]);
            Assert.Equal(expected[1], weights[2], 5);

            var alone = TestTensors.Floats(weighting.Backward(QuadraticStep([false, true, false]).Step, new TaskGradients([])));
            Assert.Equal([0f, 1f, 0f], alone);
        }

        [Fact]
        public void A_task_without_data_in_an_epoch_counts_as_a_loss_that_did_not_move()
        {
            using var weighting = new Dwa(TwoTasks);
            weighting.OnEpochEnd(1, [double.NaN, 1.0]);
            weighting.OnEpochEnd(2, [2.0, 0.5]);
            using var scope = torch.NewDisposeScope();

            var weights = TestTensors.Floats(weighting.Backward(QuadraticStep([true, true]).Step, new TaskGradients([])));

            var expected = Expected([1.0, 1.0], [1.0, 0.5], temperature: 2);
            Assert.Equal(expected[0], weights[0], 5);
            Assert.Equal(expected[1], weights[1], 5);
        }

        [Fact]
        public void The_epoch_history_is_in_the_state_dict_so_a_checkpoint_resumes_the_same_weights()
        {
            using var trained = new Dwa(TwoTasks);
            trained.OnEpochEnd(1, [2.0, 1.0]);
            trained.OnEpochEnd(2, [1.5, 0.6]);
            Assert.Equal(["epoch_losses", "weights"], trained.state_dict().Keys.Order());

            using var resumed = new Dwa(TwoTasks);
            resumed.load_state_dict(trained.state_dict());
            trained.OnEpochEnd(3, [1.2, 0.5]);
            resumed.OnEpochEnd(3, [1.2, 0.5]);

            using var scope = torch.NewDisposeScope();
            var expected = Expected([1.5, 0.6], [1.2, 0.5], temperature: 2);
            var fromTrained = TestTensors.Floats(trained.Backward(QuadraticStep([true, true]).Step, new TaskGradients([])));
            var fromResumed = TestTensors.Floats(resumed.Backward(QuadraticStep([true, true]).Step, new TaskGradients([])));
            Assert.Equal(fromTrained, fromResumed);
            Assert.Equal(expected[0], fromResumed[0], 5);
        }

        [Theory]
        [InlineData(0.0)]
        [InlineData(-1.0)]
        [InlineData(double.NaN)]
        [InlineData(double.PositiveInfinity)]
        public void A_temperature_that_is_not_positive_and_finite_is_rejected(double temperature)
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Dwa(TwoTasks) { Temperature = temperature });
            Assert.Contains("temperature", error.Message, StringComparison.Ordinal);
        }
    }
}
