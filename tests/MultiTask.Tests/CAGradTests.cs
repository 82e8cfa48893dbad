using System;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static MultiTask.Tests.GradientCases;
using static TorchSharp.torch;

namespace MultiTask.Tests
{
    /// <summary>CAGrad (Liu et al. 2021) against a brute-force search of its primal problem, <c>max min_i g_i . d</c> over the ball around the mean gradient.</summary>
    [Collection(SerialCollection.Name)]
    public class CAGradTests
    {
        private static double[] Mean(double[][] rows) => Enumerable.Range(0, rows[0].Length).Select(c => rows.Average(r => r[c])).ToArray();

        /// <summary>The best <c>min_i g_i . d</c> over 200,000 points of the boundary of the ball <c>||d - g_0|| &lt;= c ||g_0||</c> in two dimensions (a concave piecewise-linear function of d is largest on the boundary).</summary>
        private static (double Best, double[] At) PrimalSearch(double[][] g, double c)
        {
            var mean = Mean(g);
            var radius = c * Math.Sqrt(Dot(mean, mean));
            var best = double.NegativeInfinity;
            double[] at = mean;
            for (var k = 0; k < 200_000; k++)
            {
                var angle = 2 * Math.PI * k / 200_000;
                double[] d = [mean[0] + radius * Math.Cos(angle), mean[1] + radius * Math.Sin(angle)];
                var worst = g.Min(row => Dot(row, d));
                if (worst > best)
                {
                    best = worst;
                    at = d;
                }
            }

            return (best, at);
        }

        [Theory]
        [InlineData(new[] { 1.0, 0.0, -0.5, 1.0 }, 0.4)]
        [InlineData(new[] { 3.0, 1.0, -1.0, 2.0 }, 0.4)]
        [InlineData(new[] { 1.0, 0.2, 0.1, 1.0, -0.6, 1.0 }, 0.4)]
        [InlineData(new[] { 2.0, 1.0, -1.0, 2.0, 0.5, -2.0 }, 0.7)]
        [InlineData(new[] { 1.0, 0.0, 0.9, 0.1 }, 0.2)]
        public void The_shared_step_is_the_best_direction_in_the_ball_around_the_mean_gradient(double[] flat, double c)
        {
            var g = Enumerable.Range(0, flat.Length / 2).Select(i => flat[(2 * i)..(2 * i + 2)]).ToArray();
            var (best, at) = PrimalSearch(g, c);
            using var weighting = new CAGrad(ThreeTasks.Take(g.Length).ToArray()) { C = c };
            using var scope = torch.NewDisposeScope();
            var (step, theta, heads) = LinearStep(g, g.Select(_ => true).ToArray());

            var weights = TestTensors.Floats(weighting.Backward(step, new TaskGradients([theta])));

            // The written gradient is d / (1 + c^2).
            var d = TestTensors.Floats(theta.grad!).Select(v => v * (1 + c * c)).ToArray();
            var mean = Mean(g);
            Assert.True(Math.Sqrt(Dot(d.Zip(mean, (x, y) => x - y).ToArray(), d.Zip(mean, (x, y) => x - y).ToArray())) <= c * Math.Sqrt(Dot(mean, mean)) * (1 + 1e-4) + 1e-6, "d is outside the ball");
            Assert.Equal(best, g.Min(row => Dot(row, d)), 3);
            Assert.Equal(at[0], d[0], 2);
            Assert.Equal(at[1], d[1], 2);
            Assert.True(g.Min(row => Dot(row, d)) >= g.Min(row => Dot(row, mean)) - 1e-5, "d does worse than the mean gradient");
            // The reported weights are those of the raw gradients in the written step; every head gets its own gradient, 2 h.
            var combined = Enumerable.Range(0, 2).Select(col => g.Select((row, i) => weights[i] * row[col]).Sum()).ToArray();
            Assert.Equal(combined[0], theta.grad![0].ToDouble(), 4);
            Assert.Equal(combined[1], theta.grad![1].ToDouble(), 4);
            Assert.All(heads, h => Assert.Equal(3.0, h.grad!.ToDouble(), 5));
        }

        [Fact]
        public void With_c_zero_the_shared_step_is_the_mean_gradient()
        {
            double[][] g = [[1, 0], [-1, 3]];
            using var weighting = new CAGrad(ThreeTasks.Take(2).ToArray()) { C = 0 };
            using var scope = torch.NewDisposeScope();
            var (step, theta, _) = LinearStep(g, [true, true]);

            var weights = TestTensors.Floats(weighting.Backward(step, new TaskGradients([theta])));

            Assert.Equal([0.5f, 0.5f], weights);
            Assert.Equal(0.0, theta.grad![0].ToDouble(), 5);
            Assert.Equal(1.5, theta.grad![1].ToDouble(), 5);
        }

        [Fact]
        public void A_task_alone_steps_on_its_gradient_scaled_by_one_plus_c_over_one_plus_c_squared()
        {
            double[][] g = [[1, 0], [-1, 2], [3, 3]];
            using var weighting = new CAGrad(ThreeTasks) { C = 0.5 };
            using var scope = torch.NewDisposeScope();
            var (step, theta, _) = LinearStep(g, [false, true, false]);

            var weights = TestTensors.Floats(weighting.Backward(step, new TaskGradients([theta])));

            var factor = 1.5 / 1.25;
            Assert.Equal(0f, weights[0]);
            Assert.Equal(factor, weights[1], 5);
            Assert.Equal(0f, weights[2]);
            Assert.Equal(-factor, theta.grad![0].ToDouble(), 5);
            Assert.Equal(2 * factor, theta.grad![1].ToDouble(), 5);
        }

        [Fact]
        public void Training_a_network_lowers_both_task_losses()
        {
            torch.manual_seed(2);
            using var net = new TinyNet(weighting: tasks => new CAGrad(tasks));
            using var trainer = new TinyTrainer(net, new TrainingOptions<TinyMetrics> { Epochs = 4, LearningRate = 0.01 });

            var history = trainer.Fit(new TinyData(128, seed: 4).Batches(16));

            Assert.True(history[^1].Train.Class.Loss < history[0].Train.Class.Loss, $"class {history[0].Train.Class.Loss} -> {history[^1].Train.Class.Loss}");
            Assert.True(history[^1].Train.Value.Loss < history[0].Train.Value.Loss, $"value {history[0].Train.Value.Loss} -> {history[^1].Train.Value.Loss}");
        }

        [Theory]
        [InlineData(-0.1)]
        [InlineData(1.0)]
        [InlineData(double.NaN)]
        public void A_c_outside_zero_to_one_is_rejected(double c)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new CAGrad(ThreeTasks) { C = c });
        }
    }
}
