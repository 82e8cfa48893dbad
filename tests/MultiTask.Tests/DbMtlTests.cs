using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.Tests
{
    /// <summary>DB-MTL (Lin et al. 2023) against its update written out with doubles on losses whose gradients are known in closed form.</summary>
    [Collection(SerialCollection.Name)]
    public class DbMtlTests
    {
        private const double Eps = 1e-8;

        private static readonly TaskDefinition[] TwoTasks = [new RegressionTask("A"), new RegressionTask("B")];

        /// <summary>
        /// Shared <c>theta</c> [2] and a head parameter <c>h</c> of task B; <c>L_A = theta_0^2 + theta_1^2</c>,
        /// <c>L_B = 3 theta_0 + theta_1 + h^2</c>; an absent task's loss is a zero placeholder.
        /// </summary>
        private sealed class Problem
        {
            public Problem(double theta0, double theta1, double h)
            {
                Theta = new Parameter(torch.tensor(new[] { (float)theta0, (float)theta1 }));
                H = new Parameter(torch.tensor((float)h));
            }

            public Parameter Theta { get; }

            public Parameter H { get; }

            public double[] ThetaValues => TestTensors.Floats(Theta).Select(v => (double)v).ToArray();

            public double HValue => H.ToDouble();

            public double LossA => ThetaValues[0] * ThetaValues[0] + ThetaValues[1] * ThetaValues[1];

            public double LossB => 3 * ThetaValues[0] + ThetaValues[1] + HValue * HValue;

            /// <summary>The gradients of <c>log(L + eps)</c> on theta, by hand.</summary>
            public double[][] LogGradients => [[2 * ThetaValues[0] / (LossA + Eps), 2 * ThetaValues[1] / (LossA + Eps)], [3 / (LossB + Eps), 1 / (LossB + Eps)]];

            public TaskStep Step(bool[] present, AuxiliaryLoss? auxiliary = null)
            {
                var a = present[0] ? Theta.square().sum() : torch.zeros(Array.Empty<long>());
                var b = present[1] ? Theta[0].mul(3).add(Theta[1]).add(H.square()) : torch.zeros(Array.Empty<long>());
                var outputs = present.Select(p => p ? torch.zeros(1) : null).ToArray();
                return new TaskStep(a.add(b), [a, b], outputs, [null, null]) { Auxiliary = auxiliary is null ? [] : [auxiliary] };
            }

            public void Set(double theta0, double theta1, double h)
            {
                using var noGrad = torch.no_grad();
                Theta.copy_(torch.tensor(new[] { (float)theta0, (float)theta1 }));
                H.copy_(torch.tensor((float)h));
                Theta.grad = null;
                H.grad = null;
            }
        }

        private static double Norm(double[] v) => Math.Sqrt(v.Sum(x => x * x));

        /// <summary><c>m_i = g_i + decay (m_i - g_i)</c> for the present tasks; returns the weights <c>max_j ||m_j|| / ||m_i||</c> and the combination.</summary>
        private static (double[] Weights, double[] Combined) Update(double[][] averages, double[][] gradients, bool[] present, double decay)
        {
            for (var i = 0; i < averages.Length; i++)
            {
                if (present[i])
                {
                    averages[i] = averages[i].Select((m, j) => gradients[i][j] + decay * (m - gradients[i][j])).ToArray();
                }
            }

            var largest = Enumerable.Range(0, averages.Length).Where(i => present[i]).Max(i => Norm(averages[i]));
            var weights = Enumerable.Range(0, averages.Length).Select(i => present[i] ? largest / (Norm(averages[i]) + Eps) : 0).ToArray();
            var combined = new double[averages[0].Length];
            for (var i = 0; i < averages.Length; i++)
            {
                for (var j = 0; j < combined.Length; j++)
                {
                    combined[j] += weights[i] * averages[i][j];
                }
            }

            return (weights, combined);
        }

        private static void AssertClose(double[] expected, float[] actual, int precision = 5)
        {
            Assert.Equal(expected.Length, actual.Length);
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.Equal(expected[i], actual[i], precision);
            }
        }

        [Fact]
        public void Two_steps_follow_the_moving_averages_of_the_log_loss_gradients_rescaled_to_the_largest()
        {
            var problem = new Problem(1, 2, 1);
            using var weighting = new DbMtl(TwoTasks) { Beta = 0.8, BetaSigma = 0.5 };
            var gradients = new TaskGradients([problem.Theta]);
            var averages = new[] { new double[2], new double[2] };
            bool[] both = [true, true];

            for (var t = 1; t <= 2; t++)
            {
                using var scope = torch.NewDisposeScope();
                var (expectedWeights, expectedCombined) = Update(averages, problem.LogGradients, both, 0.8 / Math.Sqrt(t));
                var expectedHead = 2 * problem.HValue / (problem.LossB + Eps);

                var weights = TestTensors.Floats(weighting.Backward(problem.Step(both), gradients));

                AssertClose(expectedWeights, weights);
                Assert.Equal(1f, weights.Min(), 5);
                AssertClose(expectedCombined, TestTensors.Floats(problem.Theta.grad!));
                // The head's own parameter steps on its task's log loss, not on a weighted one.
                Assert.Equal(expectedHead, problem.H.grad!.ToDouble(), 5);
                problem.Set(0.5, -1, 2);
            }
        }

        [Fact]
        public void An_absent_task_is_left_out_and_keeps_its_average()
        {
            var problem = new Problem(1, 2, 1);
            using var weighting = new DbMtl(TwoTasks);
            var gradients = new TaskGradients([problem.Theta]);
            var averages = new[] { new double[2], new double[2] };

            using (torch.NewDisposeScope())
            {
                var (_, expectedCombined) = Update(averages, problem.LogGradients, [true, false], 0.9);
                var weights = TestTensors.Floats(weighting.Backward(problem.Step([true, false]), gradients));
                AssertClose([1.0, 0.0], weights);
                // Alone, task A steps on (1 - beta) g_A, its average after one step.
                AssertClose(expectedCombined, TestTensors.Floats(problem.Theta.grad!));
            }

            problem.Set(0.5, -1, 2);
            using (torch.NewDisposeScope())
            {
                // Task B's average is still zero: it moves as if this were its first step.
                var (expectedWeights, expectedCombined) = Update(averages, problem.LogGradients, [true, true], 0.9);
                var weights = TestTensors.Floats(weighting.Backward(problem.Step([true, true]), gradients));
                AssertClose(expectedWeights, weights);
                AssertClose(expectedCombined, TestTensors.Floats(problem.Theta.grad!));
            }
        }

        [Fact]
        public void An_auxiliary_term_keeps_its_declared_gradient_on_the_shared_parameters()
        {
            var problem = new Problem(1, 2, 1);
            using var weighting = new DbMtl(TwoTasks);
            var gradients = new TaskGradients([problem.Theta]);
            using var scope = torch.NewDisposeScope();
            var (_, combined) = Update([new double[2], new double[2]], problem.LogGradients, [true, true], 0.9);

            weighting.Backward(problem.Step([true, true], new AuxiliaryLoss("Penalty", problem.Theta.square().sum(), Weight: 0.5)), gradients);

            // d/dtheta of 0.5 ||theta||^2 is theta.
            var theta = problem.ThetaValues;
            AssertClose([combined[0] + theta[0], combined[1] + theta[1]], TestTensors.Floats(problem.Theta.grad!));
        }

        [Fact]
        public void Training_a_network_gives_the_largest_task_gradient_weight_one_every_step()
        {
            var stepWeights = new List<float[]>();
            torch.manual_seed(2);
            using var net = new TinyNet(weighting: tasks => new DbMtl(tasks));
            var options = new TrainingOptions<TinyMetrics>
            {
                Epochs = 3,
                LearningRate = 0.01,
                Callbacks = [Callback.AtStepEnd<TinyMetrics>(s => stepWeights.Add(TestTensors.Floats(s.Weights)))],
            };
            using var trainer = new TinyTrainer(net, options);

            var history = trainer.Fit(new TinyData(128, seed: 4).Batches(16));

            Assert.All(stepWeights, w => Assert.Equal(1f, w.Min(), 5));
            Assert.Equal(stepWeights.Take(8).Average(w => (double)w[1]), history[0].LossWeights["Value"], 4);
            Assert.True(history[^1].Train.Loss < history[0].Train.Loss, $"{history[0].Train.Loss} -> {history[^1].Train.Loss}");
        }

        [Theory]
        [InlineData(-0.1, 0.0)]
        [InlineData(1.0, 0.0)]
        [InlineData(0.9, -1.0)]
        [InlineData(0.9, double.NaN)]
        public void Settings_out_of_range_are_rejected(double beta, double betaSigma)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new DbMtl(TwoTasks) { Beta = beta, BetaSigma = betaSigma });
        }
    }
}
