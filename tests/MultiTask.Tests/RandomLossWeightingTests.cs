using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.Tests
{
    /// <summary>Random Loss Weighting (Lin et al. 2021): each step's weights are a softmax of a standard normal draw.</summary>
    [Collection(SerialCollection.Name)]
    public class RandomLossWeightingTests
    {
        private static readonly TaskDefinition[] ThreeTasks = [new RegressionTask("A"), new BinaryTask("B"), new RegressionTask("C")];

        /// <summary>A step whose losses are <c>x^2</c>, <c>4x</c>, <c>x^2</c>, ... at x = 3 (zero placeholders for the absent tasks).</summary>
        private static (TaskStep Step, Tensor X) QuadraticStep(bool[] present)
        {
            var x = torch.tensor(3.0f, requires_grad: true);
            var losses = present.Select((p, i) => !p ? torch.zeros(Array.Empty<long>()) : i % 2 == 0 ? x.square() : x.mul(4)).ToArray();
            var outputs = present.Select(p => p ? torch.zeros(1) : null).ToArray();
            return (new TaskStep(LossSum.Of(losses), losses, outputs, new TaskTarget?[present.Length]), x);
        }

        private static float[] StepWeights(RandomLossWeighting weighting, bool[] present)
        {
            using var scope = torch.NewDisposeScope();
            return TestTensors.Floats(weighting.Backward(QuadraticStep(present).Step, new TaskGradients([])));
        }

        /// <summary><c>exp(z_i) / sum_j exp(z_j)</c> over the indices in <paramref name="over"/>, written out.</summary>
        private static double[] Softmax(float[] z, int[] over)
        {
            var exps = over.Select(i => Math.Exp(z[i])).ToArray();
            return exps.Select(e => e / exps.Sum()).ToArray();
        }

        [Fact]
        public void Each_steps_weights_are_the_softmax_of_the_generators_next_normal_draw()
        {
            using var weighting = new RandomLossWeighting(ThreeTasks);
            torch.manual_seed(11);
            var steps = Enumerable.Range(0, 3).Select(_ => StepWeights(weighting, [true, true, true])).ToArray();

            torch.manual_seed(11);
            for (var s = 0; s < steps.Length; s++)
            {
                var expected = Softmax(TestTensors.Floats(torch.randn(3)), [0, 1, 2]);
                Assert.Equal(1.0, steps[s].Sum(), 5);
                for (var i = 0; i < 3; i++)
                {
                    Assert.Equal(expected[i], steps[s][i], 5);
                }
            }

            Assert.NotEqual(steps[0], steps[1]);
            Assert.NotEqual(steps[1], steps[2]);
        }

        [Fact]
        public void The_same_seed_gives_the_same_weights()
        {
            using var weighting = new RandomLossWeighting(ThreeTasks);
            torch.manual_seed(5);
            var first = Enumerable.Range(0, 4).SelectMany(_ => StepWeights(weighting, [true, true, true])).ToArray();
            torch.manual_seed(5);
            var second = Enumerable.Range(0, 4).SelectMany(_ => StepWeights(weighting, [true, true, true])).ToArray();
            Assert.Equal(first, second);
        }

        [Fact]
        public void The_mean_weight_over_many_steps_is_near_one_over_k()
        {
            using var weighting = new RandomLossWeighting(ThreeTasks);
            torch.manual_seed(3);
            var sums = new double[3];
            const int steps = 2000;
            for (var s = 0; s < steps; s++)
            {
                var weights = StepWeights(weighting, [true, true, true]);
                Assert.Equal(1.0, weights.Sum(), 5);
                for (var i = 0; i < 3; i++)
                {
                    sums[i] += weights[i];
                }
            }

            // One weight's standard deviation is about 0.2, so the mean of 2,000 is within 0.015 of 1/3 at 3 sigma.
            Assert.All(sums, sum => Assert.InRange(sum / steps, 1.0 / 3 - 0.015, 1.0 / 3 + 0.015));
        }

        [Fact]
        public void The_weights_scale_the_back_propagated_losses()
        {
            using var weighting = new RandomLossWeighting([new RegressionTask("A"), new BinaryTask("B")]);
            torch.manual_seed(7);
            var z = TestTensors.Floats(torch.randn(2));
            var w = Softmax(z, [0, 1]);
            torch.manual_seed(7);
            using var scope = torch.NewDisposeScope();
            var (step, x) = QuadraticStep([true, true]);

            weighting.Backward(step, new TaskGradients([]));

            // d/dx of w_A x^2 + w_B 4x at x = 3.
            Assert.Equal(w[0] * 2 * 3 + w[1] * 4, x.grad!.ToDouble(), 4);
        }

        [Fact]
        public void An_absent_task_gets_weight_zero_and_the_present_ones_a_softmax_of_their_draws()
        {
            using var weighting = new RandomLossWeighting(ThreeTasks);
            torch.manual_seed(9);
            var z = TestTensors.Floats(torch.randn(3));
            torch.manual_seed(9);

            var weights = StepWeights(weighting, [true, false, true]);

            var expected = Softmax(z, [0, 2]);
            Assert.Equal(expected[0], weights[0], 5);
            Assert.Equal(0f, weights[1]);
            Assert.Equal(expected[1], weights[2], 5);
            Assert.Equal([0f, 1f, 0f], StepWeights(weighting, [false, true, false]));
        }

        [Fact]
        public void Training_records_the_mean_of_the_applied_weights_and_repeats_from_the_seed()
        {
            (TrainingHistory<TinyMetrics> History, List<float[]> Steps) Train()
            {
                var steps = new List<float[]>();
                torch.manual_seed(1);
                using var net = new TinyNet(weighting: tasks => new RandomLossWeighting(tasks));
                var options = new TrainingOptions<TinyMetrics>
                {
                    Epochs = 3,
                    LearningRate = 0.01,
                    Seed = 4,
                    Callbacks = [Callback.AtStepEnd<TinyMetrics>(s => steps.Add(TestTensors.Floats(s.Weights)))],
                };
                using var trainer = new TinyTrainer(net, options);
                return (trainer.Fit(new TinyData(128, seed: 4).Batches(16)), steps);
            }

            var (history, steps) = Train();
            Assert.Equal(3 * 8, steps.Count);
            for (var epoch = 0; epoch < 3; epoch++)
            {
                var epochSteps = steps.Skip(epoch * 8).Take(8).ToArray();
                Assert.Equal(epochSteps.Average(w => (double)w[0]), history[epoch].LossWeights["Class"], 5);
                Assert.Equal(epochSteps.Average(w => (double)w[1]), history[epoch].LossWeights["Value"], 5);
            }

            Assert.True(history[^1].Train.Loss < history[0].Train.Loss);
            var (again, againSteps) = Train();
            Assert.Equal(steps.SelectMany(w => w), againSteps.SelectMany(w => w));
            Assert.Equal(history.Select(e => e.Train.Loss), again.Select(e => e.Train.Loss));
        }
    }
}
