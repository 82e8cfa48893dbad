using System;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static MultiTask.Tests.GradientCases;
using static TorchSharp.torch;

namespace MultiTask.Tests
{
    /// <summary>Nash-MTL (Navon et al. 2022) against its defining equation, <c>G G^T alpha = 1 / alpha</c>, checked in doubles here.</summary>
    [Collection(SerialCollection.Name)]
    public class NashMtlTests
    {
        [Theory]
        [InlineData(new[] { 1.0, 0.0, 0.0, 0.5, 1.0, 0.0 })]
        [InlineData(new[] { 3.0, 1.0, 0.0, -1.0, 2.0, 0.5 })]
        [InlineData(new[] { 10.0, 0.0, 0.0, 0.0, 0.1, 0.0 })]
        [InlineData(new[] { 1.0, 0.2, 0.0, 0.1, 1.0, 0.3, -0.6, 1.0, 2.0 })]
        [InlineData(new[] { 2.0, 1.0, -1.0, -1.0, 2.0, 0.0, 0.5, -2.0, 4.0 })]
        public void Each_tasks_gain_from_the_step_is_one_over_its_weight(double[] flat)
        {
            var g = Enumerable.Range(0, flat.Length / 3).Select(i => flat[(3 * i)..(3 * i + 3)]).ToArray();

            var alpha = NashMtl.BargainingWeights(Gram(g));

            var step = Enumerable.Range(0, 3).Select(c => g.Select((row, i) => alpha[i] * row[c]).Sum()).ToArray();
            for (var i = 0; i < g.Length; i++)
            {
                Assert.True(alpha[i] > 0, $"alpha {string.Join(", ", alpha)}");
                Assert.Equal(1.0, alpha[i] * Dot(g[i], step), 7);
            }
        }

        [Fact]
        public void Orthogonal_gradients_get_one_over_their_norms_and_the_step_ignores_the_scale()
        {
            double[][] g = [[2, 0, 0], [0, 0.5, 0]];
            var alpha = NashMtl.BargainingWeights(Gram(g));
            Assert.Equal(0.5, alpha[0], 10);
            Assert.Equal(2.0, alpha[1], 10);

            var scaled = NashMtl.BargainingWeights(Gram(g.Select(row => row.Select(v => 10 * v).ToArray()).ToArray()));
            Assert.Equal(alpha[0] / 10, scaled[0], 10);
            Assert.Equal(alpha[1] / 10, scaled[1], 10);
        }

        [Fact]
        public void A_zero_gradient_gets_weight_zero_and_opposed_gradients_fall_back_to_the_mean()
        {
            double[][] withZero = [[1, 0, 0], [0, 0, 0], [0, 2, 0]];
            var alpha = NashMtl.BargainingWeights(Gram(withZero));
            Assert.Equal(0.0, alpha[1]);
            Assert.Equal(1.0, alpha[0], 10);
            Assert.Equal(0.5, alpha[2], 10);

            // g_2 = -g_1: no step helps both tasks, the bargaining problem has no solution.
            double[][] opposed = [[1, 2, 0], [-1, -2, 0]];
            Assert.Equal([0.5, 0.5], NashMtl.BargainingWeights(Gram(opposed)));
        }

        [Fact]
        public void The_written_shared_step_is_the_weighted_sum_and_each_head_keeps_its_gradient()
        {
            double[][] g = [[1, 0, 0], [1, 1, 0]];
            using var weighting = new NashMtl([new RegressionTask("A"), new RegressionTask("B")]);
            using var scope = torch.NewDisposeScope();
            var theta = new Parameter(torch.tensor(new[] { 0.5f, -2f, 1f }));
            var heads = g.Select(_ => new Parameter(torch.tensor(1.5f))).ToArray();
            var losses = g.Select((row, i) => theta.mul(torch.tensor(row.Select(v => (float)v).ToArray())).sum().add(heads[i].square()).add(10)).ToArray();
            var step = new TaskStep(LossSum.Of(losses), losses, [torch.zeros(1), torch.zeros(1)], new TaskTarget?[2]);

            var weights = TestTensors.Floats(weighting.Backward(step, new TaskGradients([theta])));

            var expected = NashMtl.BargainingWeights(Gram(g));
            Assert.Equal(expected[0], weights[0], 5);
            var written = TestTensors.Floats(theta.grad!);
            Assert.All(Enumerable.Range(0, 3), c => Assert.Equal(g.Select((row, i) => expected[i] * row[c]).Sum(), written[c], 5));
            Assert.All(heads, h => Assert.Equal(3.0, h.grad!.ToDouble(), 5));
        }

        [Fact]
        public void Training_a_network_lowers_both_task_losses()
        {
            torch.manual_seed(2);
            using var net = new TinyNet(weighting: tasks => new NashMtl(tasks));
            using var trainer = new TinyTrainer(net, new TrainingOptions<TinyMetrics> { Epochs = 4, LearningRate = 0.01 });

            var history = trainer.Fit(new TinyData(128, seed: 4).Batches(16));

            Assert.True(history[^1].Train.Class.Loss < history[0].Train.Class.Loss, $"class {history[0].Train.Class.Loss} -> {history[^1].Train.Class.Loss}");
            Assert.True(history[^1].Train.Value.Loss < history[0].Train.Value.Loss, $"value {history[0].Train.Value.Loss} -> {history[^1].Train.Value.Loss}");
        }
    }
}
