using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.Tests
{
    /// <summary>GradNorm (Chen et al. 2018) against its loss's gradient written out with doubles, and its weights over steps.</summary>
    [Collection(SerialCollection.Name)]
    public class GradNormTests
    {
        private static readonly TaskDefinition[] TwoTasks = [new RegressionTask("A"), new RegressionTask("B")];

        /// <summary>
        /// The last shared layer W [1, 2] and a shared bias b [1] after it (one dimension: not the layer GradNorm reads);
        /// <c>L_A = 3 W_00 + W_01 + b^2 + offset_A</c>, <c>L_B = W_00^2 + W_01^2 + b + offset_B</c>, so that
        /// <c>grad_W L_A = [3, 1]</c> and <c>grad_W L_B = [2 W_00, 2 W_01]</c>. An absent task's loss is a zero placeholder.
        /// </summary>
        private sealed class Problem
        {
            public Parameter W { get; } = new(torch.tensor(new[,] { { 1f, 2f } }));

            public Parameter B { get; } = new(torch.tensor(new[] { 0.5f }));

            public TaskGradients Gradients => new([W, B]);

            public double[] WValues => TestTensors.Floats(W).Select(v => (double)v).ToArray();

            public double[][] LayerGradients => [[3, 1], [2 * WValues[0], 2 * WValues[1]]];

            public TaskStep Step(bool[] present, double offsetA = 0, double offsetB = 0)
            {
                var a = present[0] ? W[0, 0].mul(3).add(W[0, 1]).add(B.square().sum()).add(offsetA) : torch.zeros(Array.Empty<long>());
                var b = present[1] ? W.square().sum().add(B.sum()).add(offsetB) : torch.zeros(Array.Empty<long>());
                var outputs = present.Select(p => p ? torch.zeros(1) : null).ToArray();
                return new TaskStep(a.add(b), [a, b], outputs, [null, null]);
            }

            public void Set(float w0, float w1)
            {
                using var noGrad = torch.no_grad();
                W.copy_(torch.tensor(new[,] { { w0, w1 } }));
                W.grad = null;
                B.grad = null;
            }
        }

        private static double Norm(double[] v) => Math.Sqrt(v.Sum(x => x * x));

        /// <summary>The gradient of <c>sum_i |w_i n_i - mean(w n) r_i^alpha|</c> with respect to w, the targets held constant.</summary>
        private static double[] GradNormLossGradient(double[] weights, double[] norms, double[] ratios, double alpha)
        {
            var g = weights.Select((w, i) => w * norms[i]).ToArray();
            var meanRatio = ratios.Average();
            return g.Select((gi, i) => Math.Sign(gi - (g.Average() * Math.Pow(ratios[i] / meanRatio, alpha))) * norms[i]).ToArray();
        }

        private static void SetWeights(GradNorm weighting, float[] values)
        {
            using var noGrad = torch.no_grad();
            weighting.Weights.copy_(torch.tensor(values));
            weighting.Weights.grad = null;
        }

        [Fact]
        public void The_weights_get_the_gradient_of_the_grad_norm_loss_and_the_model_the_weighted_sum()
        {
            var problem = new Problem();
            using var weighting = new GradNorm(TwoTasks) { Alpha = 1.5 };
            bool[] both = [true, true];
            double[] initial;
            using (torch.NewDisposeScope())
            {
                var first = problem.Step(both);
                initial = first.Losses.Select(l => l.ToDouble()).ToArray();
                var norms = problem.LayerGradients.Select(Norm).ToArray();

                var applied = TestTensors.Floats(weighting.Backward(first, problem.Gradients));

                // At the first step every ratio is 1: the targets are the mean norm.
                Assert.Equal([1f, 1f], applied);
                var expected = GradNormLossGradient([1, 1], norms, [1, 1], 1.5);
                Assert.Equal(-Math.Sqrt(10), expected[0], 12);
                Tolerance.AssertClose(expected, TestTensors.Floats(weighting.Weights.grad!));
                Tolerance.AssertClose(initial, TestTensors.Floats(weighting.InitialLosses));
            }

            problem.Set(0.2f, 0.1f);
            SetWeights(weighting, [0.7f, 1.3f]);
            using (torch.NewDisposeScope())
            {
                var step = problem.Step(both, offsetA: 2);
                var losses = step.Losses.Select(l => l.ToDouble()).ToArray();
                var gradients = problem.LayerGradients;
                var ratios = losses.Select((l, i) => l / initial[i]).ToArray();
                var expected = GradNormLossGradient([0.7, 1.3], gradients.Select(Norm).ToArray(), ratios, 1.5);

                var applied = TestTensors.Floats(weighting.Backward(step, problem.Gradients));

                Assert.Equal([0.7f, 1.3f], applied);
                Tolerance.AssertClose(expected, TestTensors.Floats(weighting.Weights.grad!));
                // The model steps on 0.7 L_A + 1.3 L_B: the GradNorm loss reaches the weights only.
                Tolerance.AssertClose([(0.7 * gradients[0][0]) + (1.3 * gradients[1][0]), (0.7 * gradients[0][1]) + (1.3 * gradients[1][1])], TestTensors.Floats(problem.W.grad!));
                Assert.Equal((0.7 * 2 * 0.5) + 1.3, problem.B.grad!.ToDouble(), 5);
            }
        }

        [Fact]
        public void The_weights_sum_to_k_and_move_toward_the_task_whose_loss_falls_slower()
        {
            // Equal gradient norms on W every step, so that only the rates of descent differ: L_A falls to 0.9^t of its start, L_B to 0.99^t.
            var problem = new Problem();
            using var weighting = new GradNorm(TwoTasks);
            using var optimizer = torch.optim.SGD([weighting.Weights], 0.01);
            var history = new List<float[]>();
            for (var t = 0; t < 40; t++)
            {
                using var scope = torch.NewDisposeScope();
                problem.Set(1.5f, 0.5f);
                var step = problem.Step([true, true], offsetA: (Math.Pow(0.9, t) - 1) * 2, offsetB: (Math.Pow(0.99, t) - 1) * 2);
                optimizer.zero_grad();
                weighting.Backward(step, problem.Gradients);
                optimizer.step();
                weighting.AfterStep(step, () => throw new InvalidOperationException("GradNorm needs no post-step losses."));
                history.Add(TestTensors.Floats(weighting.Weights));
                Assert.Equal(Norm(problem.LayerGradients[0]), Norm(problem.LayerGradients[1]), 12);
            }

            Assert.All(history, w => Assert.Equal(2.0, w.Sum(), 5));
            Assert.True(history[^1][1] > 1.1, $"the slower task's weight is {history[^1][1]}");
            // GradNorm's fixed point with equal norms: w_B / w_A = (r_B / r_A)^alpha; the L1 loss's steps of 0.01 ||grad|| circle around it.
            var rateA = (5.25 + ((Math.Pow(0.9, 39) - 1) * 2)) / 5.25;
            var rateB = (3 + ((Math.Pow(0.99, 39) - 1) * 2)) / 3;
            var fixedPoint = Math.Pow(rateB / rateA, 1.5);
            Assert.InRange(history[^1][1] / history[^1][0], fixedPoint - 0.06, fixedPoint + 0.06);
        }

        [Fact]
        public void An_absent_task_has_weight_zero_and_a_task_alone_keeps_the_weights()
        {
            var problem = new Problem();
            using var weighting = new GradNorm(TwoTasks);
            using var scope = torch.NewDisposeScope();

            var applied = TestTensors.Floats(weighting.Backward(problem.Step([true, false]), problem.Gradients));

            Assert.Equal([1f, 0f], applied);
            // Alone, task A's target is its own norm: the GradNorm loss is at its minimum and its gradient 0.
            Assert.Equal([0f, 0f], TestTensors.Floats(weighting.Weights.grad!));
            Assert.True(float.IsNaN(TestTensors.Floats(weighting.InitialLosses)[1]), "task B's first loss is recorded when it is first present");
            Assert.Equal([3f, 1f], TestTensors.Floats(problem.W.grad!));
        }

        [Fact]
        public void The_renormalization_keeps_every_weight_positive()
        {
            using var weighting = new GradNorm(TwoTasks);
            SetWeights(weighting, [-0.5f, 3f]);
            using var scope = torch.NewDisposeScope();

            weighting.AfterStep(new Problem().Step([true, true]), () => []);

            var weights = TestTensors.Floats(weighting.Weights);
            Assert.Equal(2 * GradNorm.MinimumWeight / (3 + GradNorm.MinimumWeight), weights[0], 6);
            Assert.Equal(2.0, weights.Sum(), 5);
        }

        [Fact]
        public void A_model_whose_shared_parameters_have_no_weight_matrix_is_told_what_grad_norm_needs()
        {
            var vector = new Parameter(torch.ones(2));
            using var weighting = new GradNorm(TwoTasks);
            using var scope = torch.NewDisposeScope();
            var losses = new[] { vector.sum(), vector.square().sum() };
            var step = new TaskStep(losses[0].add(losses[1]), losses, [torch.zeros(1), torch.zeros(1)], [null, null]);

            var error = Assert.Throws<InvalidOperationException>(() => weighting.Backward(step, new TaskGradients([vector])));

            Assert.Contains("last shared layer", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Training_a_network_keeps_the_weights_summing_to_k_and_lowers_the_loss()
        {
            torch.manual_seed(3);
            using var net = new TinyNet(weighting: tasks => new GradNorm(tasks));
            var sums = new List<double>();
            var options = new TrainingOptions<TinyMetrics>
            {
                Epochs = 3,
                LearningRate = 0.01,
                Callbacks = [Callback.AtStepEnd<TinyMetrics>(_ => sums.Add(TestTensors.Floats(((GradNorm)net.Weighting).Weights).Sum()))],
            };
            using var trainer = new TinyTrainer(net, options);

            var history = trainer.Fit(new TinyData(128, seed: 4).Batches(16));

            Assert.Equal(MultiTaskTrainer<TinyNet, TinyBatch, TinyMetrics>.LossWeightingGroup, trainer.Components[^1].Name);
            Assert.Equal(24, sums.Count);
            Assert.All(sums, s => Assert.Equal(2.0, s, 5));
            Assert.NotEqual(1.0, history[^1].LossWeights["Value"], 3);
            Assert.True(history[^1].Train.Loss < history[0].Train.Loss, $"{history[0].Train.Loss} -> {history[^1].Train.Loss}");
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        public void On_a_network_every_parameter_gets_the_gradient_of_the_weighted_sum_and_the_weights_that_of_the_grad_norm_loss(int trunkLayers)
        {
            // One trunk layer: the model's gradient is the weighted sum of the per-task gradients; two: a backward pass of the sum.
            torch.manual_seed(5);
            using var net = new TinyNet(trunkLayers: trunkLayers);
            var batch = new TinyData(16, seed: 6).Batches(16).First();
            var parameters = net.parameters().ToArray();
            var shared = net.Parts.SharedParameters();
            var layer = shared.Last(p => p.dim() >= 2);
            double[] weights = [0.4, 1.6];
            double[] norms;
            float[][] expected;
            using (torch.NewDisposeScope())
            {
                var step = net.Step(batch);
                norms = step.Losses.Select(l => Norm(TestTensors.Floats(torch.autograd.grad([l], [layer], retain_graph: true)[0]).Select(v => (double)v).ToArray())).ToArray();
                foreach (var parameter in parameters)
                {
                    parameter.grad = null;
                }

                step.Losses[0].mul(weights[0]).add(step.Losses[1].mul(weights[1])).backward();
                expected = parameters.Select(p => TestTensors.Floats(p.grad!)).ToArray();
            }

            using var weighting = new GradNorm(net.Tasks);
            SetWeights(weighting, [0.4f, 1.6f]);
            using (torch.NewDisposeScope())
            {
                foreach (var parameter in parameters)
                {
                    parameter.grad = null;
                }

                var applied = weighting.Backward(net.Step(batch), new TaskGradients(shared, parameters.Where(p => !shared.Contains(p)).ToArray()));

                Assert.Equal([0.4f, 1.6f], TestTensors.Floats(applied));
                for (var i = 0; i < parameters.Length; i++)
                {
                    Tolerance.AssertClose(expected[i].Select(v => (double)v).ToArray(), TestTensors.Floats(parameters[i].grad!));
                }

                // The first step: every ratio is 1.
                Tolerance.AssertClose(GradNormLossGradient(weights, norms, [1, 1], 1.5), TestTensors.Floats(weighting.Weights.grad!));
            }

            Assert.Contains(expected[0], v => v != 0);
        }

        [Theory]
        [InlineData(-0.1)]
        [InlineData(double.NaN)]
        [InlineData(double.PositiveInfinity)]
        public void An_alpha_out_of_range_is_rejected(double alpha)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new GradNorm(TwoTasks) { Alpha = alpha });
        }
    }
}
