using System;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static MultiTask.Tests.GradientCases;
using static TorchSharp.torch;

namespace MultiTask.Tests
{
    /// <summary>UPGrad (Quinton and Rey 2024) against the two-task projection written out by hand and the dual cone's defining inequalities.</summary>
    [Collection(SerialCollection.Name)]
    public class UPGradTests
    {
        private static double[][] Rows(double[] flat) => Enumerable.Range(0, flat.Length / 3).Select(i => flat[(3 * i)..(3 * i + 3)]).ToArray();

        private static double[] Written(double[][] g, bool[] present, out float[] weights, out Parameter[] heads)
        {
            using var weighting = new UPGrad(ThreeTasks.Take(g.Length).ToArray());
            var (step, theta, h) = LinearStep(g, present);
            weights = TestTensors.Floats(weighting.Backward(step, new TaskGradients([theta])));
            heads = h;
            return TestTensors.Floats(theta.grad!).Select(v => (double)v).ToArray();
        }

        [Theory]
        [InlineData(new[] { 1.0, 0.0, 0.0, -0.5, 1.0, 0.0 })]
        [InlineData(new[] { 3.0, 1.0, 0.0, -4.0, 0.5, 0.5 })]
        [InlineData(new[] { 1.0, 0.2, 0.0, -0.9, 1.0, 0.3, -0.6, -1.0, 2.0 })]
        [InlineData(new[] { 2.0, 1.0, -1.0, -1.0, 2.0, 0.0, 0.5, -2.0, 4.0 })]
        [InlineData(new[] { 1.0, 0.0, 0.0, -1.0, 0.1, 0.0, 0.0, -1.0, 0.05 })]
        public void The_shared_step_has_a_non_negative_inner_product_with_every_task_gradient(double[] flat)
        {
            var g = Rows(flat);
            using var scope = torch.NewDisposeScope();

            var written = Written(g, g.Select(_ => true).ToArray(), out var weights, out var heads);

            var scale = g.Max(row => Dot(row, row));
            Assert.All(g, row => Assert.True(Dot(row, written) >= -1e-6 * scale, $"g . d = {Dot(row, written)}"));
            Assert.True(Dot(written, written) > 1e-6, "the step vanishes");
            Assert.All(weights, w => Assert.True(w >= 1.0 / g.Length - 1e-6, $"weight {w} below 1/K"));
            // The reported weights reproduce the written step; every head gets its own gradient, 2 h.
            var combined = Enumerable.Range(0, 3).Select(col => g.Select((row, i) => weights[i] * row[col]).Sum()).ToArray();
            Assert.All(Enumerable.Range(0, 3), col => Assert.Equal(combined[col], written[col], 4));
            Assert.All(heads, h => Assert.Equal(3.0, h.grad!.ToDouble(), 5));
        }

        [Theory]
        [InlineData(new[] { 1.0, 0.0, 0.0, -0.5, 1.0, 0.0 })]
        [InlineData(new[] { 3.0, 1.0, 0.0, -4.0, 0.5, 0.5 })]
        public void Two_conflicting_tasks_step_on_the_mean_of_each_gradient_projected_off_the_other(double[] flat)
        {
            // With g_1 . g_2 < 0 the dual cone's projection of g_1 is g_1 - (g_1 . g_2 / ||g_2||^2) g_2, and symmetrically.
            var g = Rows(flat);
            var product = Dot(g[0], g[1]);
            var first = g[0].Zip(g[1], (x, y) => x - product / Dot(g[1], g[1]) * y).ToArray();
            var second = g[1].Zip(g[0], (y, x) => y - product / Dot(g[0], g[0]) * x).ToArray();
            using var scope = torch.NewDisposeScope();

            var written = Written(g, [true, true], out _, out _);

            Assert.All(Enumerable.Range(0, 3), col => Assert.Equal((first[col] + second[col]) / 2, written[col], 4));
        }

        /// <summary>
        /// The projection of <paramref name="target"/> onto the dual cone of <paramref name="g"/> in the plane, by brute force: over
        /// 400,000 directions of the cone, the best multiple <c>max(0, target . dir) dir</c>.
        /// </summary>
        private static double[] PlanarProjection(double[][] g, double[] target)
        {
            double[] best = [0, 0, 0];
            var bestDistance = Dot(target, target);
            for (var k = 0; k < 400_000; k++)
            {
                var angle = 2 * Math.PI * k / 400_000;
                double[] direction = [Math.Cos(angle), Math.Sin(angle), 0];
                if (g.Any(row => Dot(row, direction) < 0))
                {
                    continue;
                }

                var length = Math.Max(0, Dot(target, direction));
                var distance = Dot(target, target) - length * length;
                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = direction.Select(d => d * length).ToArray();
                }
            }

            return best;
        }

        [Theory]
        [InlineData(new[] { 1.0, 0.0, 0.0, -0.5, 1.0, 0.0, 0.6, -0.2, 0.0 })]
        [InlineData(new[] { 2.0, 1.0, 0.0, -1.0, 2.0, 0.0, 1.0, -0.5, 0.0 })]
        public void Three_tasks_in_a_plane_step_on_the_mean_of_the_brute_force_projections(double[] flat)
        {
            var g = Rows(flat);
            var projections = g.Select(row => PlanarProjection(g, row)).ToArray();
            using var scope = torch.NewDisposeScope();

            var written = Written(g, [true, true, true], out _, out _);

            Assert.All(Enumerable.Range(0, 3), col => Assert.Equal(projections.Average(p => p[col]), written[col], 3));
        }

        [Theory]
        [InlineData(new[] { 1.0, 0.0, 0.0, 0.5, 1.0, 0.0 })]
        [InlineData(new[] { 1.0, 0.2, 0.0, 0.1, 1.0, 0.3, 0.6, 1.0, 2.0 })]
        [InlineData(new[] { 1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0 })]
        public void Gradients_that_do_not_conflict_step_on_their_mean(double[] flat)
        {
            var g = Rows(flat);
            using var scope = torch.NewDisposeScope();

            var written = Written(g, g.Select(_ => true).ToArray(), out var weights, out _);

            Assert.All(weights, w => Assert.Equal(1.0 / g.Length, w, 6));
            Assert.All(Enumerable.Range(0, 3), col => Assert.Equal(g.Average(row => row[col]), written[col], 5));
        }

        [Fact]
        public void A_task_alone_steps_on_its_own_gradient()
        {
            double[][] g = [[1, 0, 0], [-1, 2, 1], [3, 3, 0]];
            using var scope = torch.NewDisposeScope();

            var written = Written(g, [false, true, false], out var weights, out _);

            Assert.Equal([0f, 1f, 0f], weights);
            Assert.Equal([-1.0, 2.0, 1.0], written.Select(v => Math.Round(v, 5)));
        }

        [Fact]
        public void Training_a_network_lowers_both_task_losses()
        {
            torch.manual_seed(2);
            using var net = new TinyNet(weighting: tasks => new UPGrad(tasks));
            using var trainer = new TinyTrainer(net, new TrainingOptions<TinyMetrics> { Epochs = 4, LearningRate = 0.01 });

            var history = trainer.Fit(new TinyData(128, seed: 4).Batches(16));

            Assert.True(history[^1].Train.Class.Loss < history[0].Train.Class.Loss, $"class {history[0].Train.Class.Loss} -> {history[^1].Train.Class.Loss}");
            Assert.True(history[^1].Train.Value.Loss < history[0].Train.Value.Loss, $"value {history[0].Train.Value.Loss} -> {history[^1].Train.Value.Loss}");
        }
    }
}
