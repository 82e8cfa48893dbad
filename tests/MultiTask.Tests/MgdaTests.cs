using System;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static MultiTask.Tests.GradientCases;
using static TorchSharp.torch;

namespace MultiTask.Tests
{
    /// <summary>MGDA (Sener and Koltun 2018) against the two-task closed form and a brute-force search over the simplex.</summary>
    [Collection(SerialCollection.Name)]
    public class MgdaTests
    {
        private static double[] Combine(double[][] rows, double[] weights)
            => Enumerable.Range(0, rows[0].Length).Select(c => rows.Select((r, i) => weights[i] * r[c]).Sum()).ToArray();

        /// <summary>alpha = clip(((g2 - g1) . g2) / ||g1 - g2||^2, 0, 1), the weight of g1.</summary>
        private static double ClosedForm(double[] g1, double[] g2)
        {
            var difference = g1.Zip(g2, (x, y) => x - y).ToArray();
            var numerator = Dot(g2.Zip(g1, (y, x) => y - x).ToArray(), g2);
            return Math.Clamp(numerator / Dot(difference, difference), 0, 1);
        }

        private static void AssertClose(double[] expected, float[] actual, int precision = 5)
        {
            Assert.Equal(expected.Length, actual.Length);
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.Equal(expected[i], actual[i], precision);
            }
        }

        [Theory]
        [InlineData(1.0, 0.0, -1.0, 1.0)]
        [InlineData(3.0, 1.0, 0.5, 2.0)]
        [InlineData(1.0, 1.0, 4.0, 4.0)]
        [InlineData(2.0, -1.0, -2.0, 0.5)]
        public void Two_tasks_step_on_the_closed_form_min_norm_point(double g10, double g11, double g20, double g21)
        {
            double[][] g = [[g10, g11], [g20, g21]];
            var alpha = ClosedForm(g[0], g[1]);
            using var weighting = new Mgda(ThreeTasks.Take(2).ToArray());
            using var scope = torch.NewDisposeScope();
            var (step, theta, heads) = LinearStep(g, [true, true]);

            var weights = TestTensors.Floats(weighting.Backward(step, new TaskGradients([theta])));

            AssertClose([alpha, 1 - alpha], weights);
            var direction = Combine(g, [alpha, 1 - alpha]);
            AssertClose(direction, TestTensors.Floats(theta.grad!));
            // Every head gets the gradient of its own loss, 2 h.
            Assert.All(heads, h => Assert.Equal(3.0, h.grad!.ToDouble(), 5));
            Assert.All(g, row => Assert.True(Dot(direction, row) >= -1e-9, $"d . g = {Dot(direction, row)}"));
        }

        [Theory]
        [InlineData(1.0, 0.0, -1.0, 1.0)]
        [InlineData(3.0, 1.0, 0.5, 2.0)]
        [InlineData(2.0, -1.0, -2.0, 0.5)]
        [InlineData(1.0, 2.0, 1.5, 2.5)]
        public void Frank_wolfe_agrees_with_the_closed_form_for_two_tasks(double g10, double g11, double g20, double g21)
        {
            double[][] g = [[g10, g11], [g20, g21]];

            var weights = Mgda.FrankWolfe(Gram(g));

            Assert.Equal(ClosedForm(g[0], g[1]), weights[0], 6);
            Assert.Equal(1 - weights[0], weights[1], 12);
        }

        [Theory]
        [InlineData(new[] { 1.0, 0.0, 0.0, 1.0, -1.0, -0.5 })]
        [InlineData(new[] { 2.0, 1.0, -1.0, 2.0, 0.5, -2.0 })]
        [InlineData(new[] { 1.0, 1.0, 2.0, 0.5, 3.0, 3.0 })]
        [InlineData(new[] { 1.0, 0.2, 0.8, -1.0, -1.0, 0.9 })]
        public void Frank_wolfe_finds_the_min_norm_point_of_three_gradients_as_a_grid_search_does(double[] flat)
        {
            double[][] g = [flat[0..2], flat[2..4], flat[4..6]];

            var weights = Mgda.FrankWolfe(Gram(g));

            // Every point of the simplex on a grid of step 1/400.
            const int steps = 400;
            var best = double.PositiveInfinity;
            for (var i = 0; i <= steps; i++)
            {
                for (var j = 0; i + j <= steps; j++)
                {
                    var point = Combine(g, [i / (double)steps, j / (double)steps, (steps - i - j) / (double)steps]);
                    best = Math.Min(best, Dot(point, point));
                }
            }

            var found = Combine(g, weights);
            Assert.Equal(1.0, weights.Sum(), 9);
            Assert.All(weights, w => Assert.True(w >= 0));
            Assert.True(Dot(found, found) <= best + 1e-6, $"Frank-Wolfe {Dot(found, found)}, grid {best}");
            Assert.True(Dot(found, found) >= best - 1e-3, $"Frank-Wolfe {Dot(found, found)} below the grid's {best} by more than the grid's resolution");
        }

        [Fact]
        public void Three_tasks_step_on_a_direction_no_task_gradient_opposes()
        {
            // The origin is outside their hull, so the min-norm point is not zero.
            double[][] g = [[1, 0.2], [0.1, 1], [-0.6, 1]];
            using var weighting = new Mgda(ThreeTasks);
            using var scope = torch.NewDisposeScope();
            var (step, theta, _) = LinearStep(g, [true, true, true]);

            var weights = TestTensors.Floats(weighting.Backward(step, new TaskGradients([theta])));

            var direction = TestTensors.Floats(theta.grad!).Select(v => (double)v).ToArray();
            Assert.Equal(1.0, weights.Sum(), 5);
            AssertClose(Combine(g, weights.Select(w => (double)w).ToArray()), TestTensors.Floats(theta.grad!));
            Assert.True(Dot(direction, direction) > 0.01);
            Assert.All(g, row => Assert.True(Dot(direction, row) >= 0, $"d . g = {Dot(direction, row)}"));
        }

        [Fact]
        public void L2_normalization_finds_the_point_for_the_unit_gradients_and_reports_alpha_over_the_norm()
        {
            double[][] g = [[3, 0], [0, 1]];
            using var weighting = new Mgda(ThreeTasks.Take(2).ToArray()) { Normalization = MgdaNormalization.L2 };
            using var scope = torch.NewDisposeScope();
            var (step, theta, _) = LinearStep(g, [true, true]);

            var weights = TestTensors.Floats(weighting.Backward(step, new TaskGradients([theta])));

            // The unit gradients (1, 0) and (0, 1): alpha = 1/2 each, the step (1/2, 1/2), the raw gradients weighted 1/6 and 1/2.
            AssertClose([1.0 / 6, 0.5], weights);
            AssertClose([0.5, 0.5], TestTensors.Floats(theta.grad!));
        }

        [Fact]
        public void Loss_plus_normalization_divides_by_the_loss_and_the_norm()
        {
            double[][] g = [[3, 0], [0, 1]];
            using var weighting = new Mgda(ThreeTasks.Take(2).ToArray()) { Normalization = MgdaNormalization.LossPlus };
            using var scope = torch.NewDisposeScope();
            var (step, theta, _) = LinearStep(g, [true, true]);
            // L = g . (0.5, -2) + 1.5^2 + 10.
            double[] losses = [1.5 + 12.25, -2 + 12.25];
            double[][] scaled = [[3 / (losses[0] * 3), 0], [0, 1 / (losses[1] * 1)]];
            var alpha = ClosedForm(scaled[0], scaled[1]);

            var weights = TestTensors.Floats(weighting.Backward(step, new TaskGradients([theta])));

            AssertClose([alpha / (losses[0] * 3), (1 - alpha) / losses[1]], weights);
            AssertClose(Combine(scaled, [alpha, 1 - alpha]), TestTensors.Floats(theta.grad!));
        }

        [Fact]
        public void A_task_alone_steps_on_its_own_gradient_with_weight_one()
        {
            double[][] g = [[1, 0], [-1, 1], [2, 2]];
            using var weighting = new Mgda(ThreeTasks);
            using var scope = torch.NewDisposeScope();
            var (step, theta, _) = LinearStep(g, [false, true, false]);

            var weights = TestTensors.Floats(weighting.Backward(step, new TaskGradients([theta])));

            AssertClose([0.0, 1.0, 0.0], weights);
            AssertClose([-1.0, 1.0], TestTensors.Floats(theta.grad!));
        }

        /// <summary>
        /// Shared <c>theta</c> [2] and the representation <c>z = 2 theta</c> every head reads; <c>L_i = g_i . z + h_i^2 + 10</c>, so
        /// the gradients on z are the rows of <paramref name="g"/> and those on theta twice them.
        /// </summary>
        private static (TaskStep Step, Parameter Theta) RepresentationStep(double[][] g, bool perTask = false)
        {
            var theta = new Parameter(torch.tensor(new[] { 0.5f, -2f }));
            var z = theta.mul(2);
            var losses = g.Select(row => z.mul(torch.tensor(row.Select(v => (float)v).ToArray())).sum().add(10)).ToArray();
            var outputs = g.Select(_ => (Tensor?)torch.zeros(1)).ToArray();
            var representation = perTask ? SharedRepresentation.PerTask(g.Select(_ => (Tensor?)z).ToArray()) : SharedRepresentation.Shared(z);
            return (new TaskStep(LossSum.Of(losses), losses, outputs, new TaskTarget?[g.Length]) { Representation = representation }, theta);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void The_upper_bound_weighs_by_the_representation_gradients_and_steps_on_the_weighted_losses_gradient(bool othersKnown)
        {
            double[][] g = [[3, 1], [-1, 2]];
            var alpha = ClosedForm(g[0], g[1]);
            using var weighting = new Mgda(ThreeTasks.Take(2).ToArray()) { UpperBound = true };
            using var scope = torch.NewDisposeScope();
            var (step, theta) = RepresentationStep(g);

            // Others known (none here): the trunk's pass starts from the representation with sum_i w_i z_i.
            var weights = TestTensors.Floats(weighting.Backward(step, othersKnown ? new TaskGradients([theta], []) : new TaskGradients([theta])));

            AssertClose([alpha, 1 - alpha], weights);
            // d/dtheta of sum_i alpha_i g_i . (2 theta).
            AssertClose(Combine(g, [alpha, 1 - alpha]).Select(v => 2 * v).ToArray(), TestTensors.Floats(theta.grad!));
        }

        [Fact]
        public void The_upper_bound_on_one_representation_per_task_is_refused()
        {
            using var weighting = new Mgda(ThreeTasks.Take(2).ToArray()) { UpperBound = true };
            using var scope = torch.NewDisposeScope();
            var (step, theta) = RepresentationStep([[3, 1], [-1, 2]], perTask: true);

            var error = Assert.Throws<InvalidOperationException>(() => weighting.Backward(step, new TaskGradients([theta])));

            Assert.Contains("UpperBound", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void The_upper_bound_with_the_heads_in_the_representation_passes_gives_every_gradient_a_backward_pass_gives()
        {
            // Others known: K passes through the heads and one through the trunk; unknown: the weighted losses' gradient on the
            // shared parameters and a backward pass for the heads. Every parameter must get the same gradient either way.
            torch.manual_seed(5);
            using var net = new TinyNet();
            var batch = new TinyData(16, seed: 6).Batches(16).First();
            var parameters = net.parameters().ToArray();
            var shared = net.Parts.SharedParameters();
            var others = parameters.Where(p => !shared.Contains(p)).ToArray();
            (float[] Weights, float[][] Gradients) With(TaskGradients gradients)
            {
                using var scope = torch.NewDisposeScope();
                using var weighting = new Mgda(net.Tasks) { UpperBound = true };
                foreach (var parameter in parameters)
                {
                    parameter.grad = null;
                }

                var weights = TestTensors.Floats(weighting.Backward(net.Step(batch), gradients));
                return (weights, parameters.Select(p => TestTensors.Floats(p.grad!)).ToArray());
            }

            var separate = With(new TaskGradients(shared));
            var inOnePass = With(new TaskGradients(shared, others));

            AssertClose(separate.Weights.Select(v => (double)v).ToArray(), inOnePass.Weights);
            Assert.InRange(separate.Weights[0], 1e-3, 1 - 1e-3);
            for (var i = 0; i < parameters.Length; i++)
            {
                AssertClose(separate.Gradients[i].Select(v => (double)v).ToArray(), inOnePass.Gradients[i]);
            }
        }

        [Fact]
        public void Training_a_network_lowers_both_task_losses()
        {
            torch.manual_seed(2);
            using var net = new TinyNet(weighting: tasks => new Mgda(tasks));
            using var trainer = new TinyTrainer(net, new TrainingOptions<TinyMetrics> { Epochs = 4, LearningRate = 0.01 });

            var history = trainer.Fit(new TinyData(128, seed: 4).Batches(16));

            Assert.Equal(1.0, history[0].LossWeights.Values.Sum(), 5);
            Assert.True(history[^1].Train.Class.Loss < history[0].Train.Class.Loss, $"class {history[0].Train.Class.Loss} -> {history[^1].Train.Class.Loss}");
            Assert.True(history[^1].Train.Value.Loss < history[0].Train.Value.Loss, $"value {history[0].Train.Value.Loss} -> {history[^1].Train.Value.Loss}");
        }

        [Fact]
        public void Training_a_network_with_the_upper_bound_lowers_both_task_losses()
        {
            torch.manual_seed(2);
            using var net = new TinyNet(weighting: tasks => new Mgda(tasks) { UpperBound = true });
            using var trainer = new TinyTrainer(net, new TrainingOptions<TinyMetrics> { Epochs = 4, LearningRate = 0.01 });

            var history = trainer.Fit(new TinyData(128, seed: 4).Batches(16));

            Assert.Equal(1.0, history[0].LossWeights.Values.Sum(), 5);
            Assert.True(history[^1].Train.Class.Loss < history[0].Train.Class.Loss, $"class {history[0].Train.Class.Loss} -> {history[^1].Train.Class.Loss}");
            Assert.True(history[^1].Train.Value.Loss < history[0].Train.Value.Loss, $"value {history[0].Train.Value.Loss} -> {history[^1].Train.Value.Loss}");
        }
    }
}
