using System;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static MultiTask.Tests.GradientCases;
using static TorchSharp.torch;

namespace MultiTask.Tests
{
    /// <summary>IMTL-G (Liu et al. 2021) against its defining property: the shared step has equal projections on every unit task gradient.</summary>
    [Collection(SerialCollection.Name)]
    public class ImtlTests
    {
        [Theory]
        [InlineData(new[] { 1.0, 0.0, 0.0, -0.5, 1.0, 0.0 })]
        [InlineData(new[] { 3.0, 1.0, 0.0, -1.0, 2.0, 0.5 })]
        [InlineData(new[] { 10.0, 0.0, 0.0, 0.0, 0.1, 0.0 })]
        [InlineData(new[] { 1.0, 0.2, 0.0, 0.1, 1.0, 0.3, -0.6, 1.0, 2.0 })]
        [InlineData(new[] { 2.0, 1.0, -1.0, -1.0, 2.0, 0.0, 0.5, -2.0, 4.0 })]
        [InlineData(new[] { 5.0, 0.0, 0.0, 0.0, 0.2, 0.0, 1.0, 1.0, 1.0 })]
        public void The_shared_step_has_equal_projections_on_every_unit_task_gradient(double[] flat)
        {
            var g = Enumerable.Range(0, flat.Length / 3).Select(i => flat[(3 * i)..(3 * i + 3)]).ToArray();
            using var weighting = new Imtl(ThreeTasks.Take(g.Length).ToArray());
            using var scope = torch.NewDisposeScope();
            var (step, theta, heads) = LinearStep(g, g.Select(_ => true).ToArray());

            var weights = TestTensors.Floats(weighting.Backward(step, new TaskGradients([theta])));

            var written = TestTensors.Floats(theta.grad!).Select(v => (double)v).ToArray();
            var projections = g.Select(row => Dot(written, row) / Math.Sqrt(Dot(row, row))).ToArray();
            Assert.All(projections, p => Assert.Equal(projections[0], p, 4));
            Assert.True(projections[0] > 0, $"the common projection {projections[0]} is not positive");
            Assert.Equal(1.0, weights.Sum(), 5);
            // The reported weights reproduce the written step; every head gets its own gradient, 2 h.
            var combined = Enumerable.Range(0, 3).Select(col => g.Select((row, i) => weights[i] * row[col]).Sum()).ToArray();
            Assert.All(Enumerable.Range(0, 3), col => Assert.Equal(combined[col], written[col], 4));
            Assert.All(heads, h => Assert.Equal(3.0, h.grad!.ToDouble(), 5));
        }

        [Fact]
        public void Two_tasks_get_the_hand_computed_weights()
        {
            // g_1 = (2, 0), g_2 = (0, 1): equal projections 2 alpha = 1 - alpha, so alpha = (1/3, 2/3) and g = (2/3, 2/3).
            double[,] gram = { { 4, 0 }, { 0, 1 } };

            var alpha = Imtl.ImpartialWeights(gram);

            Assert.Equal(1.0 / 3, alpha[0], 10);
            Assert.Equal(2.0 / 3, alpha[1], 10);
        }

        [Fact]
        public void A_task_alone_steps_on_its_own_gradient()
        {
            double[][] g = [[1, 0, 0], [-1, 2, 1], [3, 3, 0]];
            using var weighting = new Imtl(ThreeTasks);
            using var scope = torch.NewDisposeScope();
            var (step, theta, _) = LinearStep(g, [false, true, false]);

            var weights = TestTensors.Floats(weighting.Backward(step, new TaskGradients([theta])));

            Assert.Equal([0f, 1f, 0f], weights);
            Assert.Equal(-1.0, theta.grad![0].ToDouble(), 5);
            Assert.Equal(2.0, theta.grad![1].ToDouble(), 5);
            Assert.Equal(1.0, theta.grad![2].ToDouble(), 5);
        }

        [Fact]
        public void Two_present_tasks_of_three_are_weighed_among_themselves()
        {
            double[][] g = [[2, 0, 0], [5, 5, 5], [0, 1, 0]];
            using var weighting = new Imtl(ThreeTasks);
            using var scope = torch.NewDisposeScope();
            var (step, theta, _) = LinearStep(g, [true, false, true]);

            var weights = TestTensors.Floats(weighting.Backward(step, new TaskGradients([theta])));

            Assert.Equal(1.0 / 3, weights[0], 5);
            Assert.Equal(0f, weights[1]);
            Assert.Equal(2.0 / 3, weights[2], 5);
            Assert.Equal(2.0 / 3, theta.grad![0].ToDouble(), 5);
            Assert.Equal(2.0 / 3, theta.grad![1].ToDouble(), 5);
        }

        [Fact]
        public void Gradients_pointing_the_same_way_make_the_system_singular_and_get_the_uniform_weights()
        {
            // g_2 = 3 g_1: u_1 = u_2, so D U^T = 0 and every combination has equal projections.
            double[,] gram = { { 1, 3 }, { 3, 9 } };

            Assert.Equal([0.5, 0.5], Imtl.ImpartialWeights(gram));
        }

        [Fact]
        public void Three_tasks_in_a_plane_have_only_the_zero_step_with_equal_projections()
        {
            // g = (1, 0), (0, 1), (1, 1): the two conditions g . (u_1 - u_i) = 0 are independent in the plane, so g = 0.
            double[][] g = [[1, 0], [0, 1], [1, 1]];
            var gram = new double[3, 3];
            for (var i = 0; i < 3; i++)
            {
                for (var j = 0; j < 3; j++)
                {
                    gram[i, j] = Dot(g[i], g[j]);
                }
            }

            var alpha = Imtl.ImpartialWeights(gram);

            Assert.Equal(1.0, alpha.Sum(), 10);
            Assert.Equal(0.0, g.Select((row, i) => alpha[i] * row[0]).Sum(), 10);
            Assert.Equal(0.0, g.Select((row, i) => alpha[i] * row[1]).Sum(), 10);
        }

        [Fact]
        public void Training_a_network_lowers_both_task_losses()
        {
            torch.manual_seed(2);
            using var net = new TinyNet(weighting: tasks => new Imtl(tasks));
            using var trainer = new TinyTrainer(net, new TrainingOptions<TinyMetrics> { Epochs = 4, LearningRate = 0.01 });

            var history = trainer.Fit(new TinyData(128, seed: 4).Batches(16));

            Assert.True(history[^1].Train.Class.Loss < history[0].Train.Class.Loss, $"class {history[0].Train.Class.Loss} -> {history[^1].Train.Class.Loss}");
            Assert.True(history[^1].Train.Value.Loss < history[0].Train.Value.Loss, $"value {history[0].Train.Value.Loss} -> {history[^1].Train.Value.Loss}");
        }
    }
}
