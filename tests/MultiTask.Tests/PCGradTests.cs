using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static MultiTask.Tests.GradientCases;
using static TorchSharp.torch;

namespace MultiTask.Tests
{
    /// <summary>PCGrad (Yu et al. 2020) against the projections written out by hand on losses linear in the shared parameters.</summary>
    [Collection(SerialCollection.Name)]
    public class PCGradTests
    {
        private static readonly TaskDefinition[] TwoTasks = [new RegressionTask("A"), new RegressionTask("B")];

        /// <summary>
        /// Shared <c>theta</c> [2] and a head parameter <c>h</c> of task B; <c>L_A = a . theta</c>, <c>L_B = b . theta + h^2</c>, so
        /// the task gradients on theta are <c>a</c> and <c>b</c>; an absent task's loss is a zero placeholder.
        /// </summary>
        private static (TaskStep Step, Parameter Theta, Parameter H) LinearStep(double[] a, double[] b, bool[] present, AuxiliaryLoss? auxiliary = null, Parameter? theta = null)
        {
            theta ??= new Parameter(torch.tensor(new[] { 0.5f, -2f }));
            var h = new Parameter(torch.tensor(1.5f));
            var lossA = present[0] ? theta.mul(torch.tensor(a.Select(v => (float)v).ToArray())).sum() : torch.zeros(Array.Empty<long>());
            var lossB = present[1] ? theta.mul(torch.tensor(b.Select(v => (float)v).ToArray())).sum().add(h.square()) : torch.zeros(Array.Empty<long>());
            var outputs = present.Select(p => p ? torch.zeros(1) : null).ToArray();
            var step = new TaskStep(lossA.add(lossB), [lossA, lossB], outputs, [null, null]) { Auxiliary = auxiliary is null ? [] : [auxiliary] };
            return (step, theta, h);
        }

        /// <summary><c>g - (g . o / ||o||^2) o</c> when <c>g . o &lt; 0</c>, else <c>g</c>.</summary>
        private static double[] ProjectedByHand(double[] g, double[] o)
            => Dot(g, o) >= 0 ? g : g.Zip(o, (x, y) => x - Dot(g, o) / Dot(o, o) * y).ToArray();

        private static void AssertClose(double[] expected, float[] actual, int precision = 5)
        {
            Assert.Equal(expected.Length, actual.Length);
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.Equal(expected[i], actual[i], precision);
            }
        }

        [Fact]
        public void Conflicting_gradients_are_projected_onto_each_others_normal_plane_and_summed()
        {
            double[] a = [1, 0], b = [-1, 1];
            using var weighting = new PCGrad(TwoTasks);
            using var scope = torch.NewDisposeScope();
            var (step, theta, h) = LinearStep(a, b, [true, true]);

            var weights = TestTensors.Floats(weighting.Backward(step, new TaskGradients([theta])));

            // a . b = -1: a' = a + b / 2 = (0.5, 0.5), b' = b + a = (0, 1).
            AssertClose([0.5, 1.5], TestTensors.Floats(theta.grad!));
            AssertClose([1.0, 1.0], weights);
            // The head's own parameter gets the gradient of its own loss: 2 h.
            Assert.Equal(3.0, h.grad!.ToDouble(), 5);
        }

        [Fact]
        public void After_the_surgery_no_projected_gradient_conflicts_with_another_task()
        {
            double[] a = [2, 1, -1], b = [-3, 0.5, 2];
            using var scope = torch.NewDisposeScope();
            using var matrix = torch.tensor(new[] { a, b }.SelectMany(r => r).Select(v => (float)v).ToArray(), [2, 3]);

            var projected = PCGrad.Project(matrix, [true, true]);

            var rows = new[] { TestTensors.Floats(projected[0]).Select(v => (double)v).ToArray(), TestTensors.Floats(projected[1]).Select(v => (double)v).ToArray() };
            Assert.True(Dot(a, b) < 0);
            Assert.True(Dot(rows[0], b) >= -1e-5, $"a' . b = {Dot(rows[0], b)}");
            Assert.True(Dot(rows[1], a) >= -1e-5, $"b' . a = {Dot(rows[1], a)}");
            AssertClose(ProjectedByHand(a, b), TestTensors.Floats(projected[0]));
            AssertClose(ProjectedByHand(b, a), TestTensors.Floats(projected[1]));
        }

        [Fact]
        public void Agreeing_gradients_are_left_as_they_are()
        {
            double[] a = [1, 2], b = [3, -1];
            using var weighting = new PCGrad(TwoTasks);
            using var scope = torch.NewDisposeScope();
            var (step, theta, _) = LinearStep(a, b, [true, true]);

            weighting.Backward(step, new TaskGradients([theta]));

            // a . b = 1 > 0: the plain sum.
            AssertClose([4.0, 1.0], TestTensors.Floats(theta.grad!));
        }

        [Fact]
        public void Three_tasks_follow_the_generators_order_so_a_seed_reproduces_the_surgery()
        {
            using var scope = torch.NewDisposeScope();
            double[][] g = [[1, 0], [-1, 1], [-0.5, -1]];
            using var matrix = torch.tensor(g.SelectMany(r => r).Select(v => (float)v).ToArray(), [3, 2]);
            bool[] all = [true, true, true];

            torch.manual_seed(5);
            var first = TestTensors.Floats(PCGrad.Project(matrix, all));
            torch.manual_seed(5);
            var second = TestTensors.Floats(PCGrad.Project(matrix, all));

            // By hand, in the order the generator gives: for each task i, a permutation of the other two.
            torch.manual_seed(5);
            var expected = new List<double>();
            for (var i = 0; i < 3; i++)
            {
                var others = Enumerable.Range(0, 3).Where(j => j != i).ToArray();
                var order = torch.randperm(2).data<long>().ToArray();
                var row = g[i];
                foreach (var position in order)
                {
                    var other = g[others[position]];
                    row = ProjectedByHand(row, other);
                }

                expected.AddRange(row);
            }

            Assert.Equal(first, second);
            AssertClose(expected.ToArray(), first);
        }

        [Fact]
        public void A_task_alone_steps_on_its_own_gradient_and_the_absent_one_gets_weight_zero()
        {
            using var weighting = new PCGrad(TwoTasks);
            using var scope = torch.NewDisposeScope();
            var (step, theta, _) = LinearStep([1, 0], [-1, 1], [false, true]);

            var weights = TestTensors.Floats(weighting.Backward(step, new TaskGradients([theta])));

            AssertClose([0.0, 1.0], weights);
            AssertClose([-1.0, 1.0], TestTensors.Floats(theta.grad!));
        }

        [Fact]
        public void An_auxiliary_term_keeps_its_declared_gradient_on_the_shared_parameters()
        {
            using var weighting = new PCGrad(TwoTasks);
            using var scope = torch.NewDisposeScope();
            var theta = new Parameter(torch.tensor(new[] { 0.5f, -2f }));
            var (step, _, _) = LinearStep([1, 0], [-1, 1], [true, true], new AuxiliaryLoss("Penalty", theta.square().sum(), Weight: 0.5), theta);

            weighting.Backward(step, new TaskGradients([theta]));

            // The surgery's (0.5, 1.5) plus d/dtheta of 0.5 ||theta||^2 = theta.
            AssertClose([1.0, -0.5], TestTensors.Floats(theta.grad!));
        }

        [Fact]
        public void Training_a_network_lowers_both_task_losses()
        {
            torch.manual_seed(2);
            using var net = new TinyNet(weighting: tasks => new PCGrad(tasks));
            using var trainer = new TinyTrainer(net, new TrainingOptions<TinyMetrics> { Epochs = 4, LearningRate = 0.01 });

            var history = trainer.Fit(new TinyData(128, seed: 4).Batches(16));

            Assert.Equal([1.0, 1.0], history[0].LossWeights.Values);
            Assert.True(history[^1].Train.Class.Loss < history[0].Train.Class.Loss, $"class {history[0].Train.Class.Loss} -> {history[^1].Train.Class.Loss}");
            Assert.True(history[^1].Train.Value.Loss < history[0].Train.Value.Loss, $"value {history[0].Train.Value.Loss} -> {history[^1].Train.Value.Loss}");
        }
    }
}
