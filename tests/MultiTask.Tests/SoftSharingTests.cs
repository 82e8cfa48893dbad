using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.Tests
{
    public class SoftSharingTests
    {
        private static Trunk Tower(float[,] weight, float[] bias)
        {
            var tower = new Trunk(weight.GetLength(1), [weight.GetLength(0)], Activation.ReLU, dropout: 0, layerNorm: false);
            using var noGrad = torch.no_grad();
            tower.state_dict()["layers.0.weight"].copy_(torch.tensor(weight));
            tower.state_dict()["layers.0.bias"].copy_(torch.tensor(bias));
            return tower;
        }

        [Fact]
        public void Penalty_equals_the_formula_computed_by_hand()
        {
            using var a = Tower(new float[,] { { 1, 2 }, { 3, 4 } }, [0, 1]);
            using var b = Tower(new float[,] { { 3, 2 }, { 1, 0 } }, [2, 1]);
            using var c = Tower(new float[,] { { 2, 5 }, { 2, -1 } }, [1, 4]);
            const double lambda = 0.3;

            // Element-wise means over the three towers, then squared deviations, summed over towers and elements.
            double[][] flat =
            [
                [1, 2, 3, 4, 0, 1],
                [3, 2, 1, 0, 2, 1],
                [2, 5, 2, -1, 1, 4],
            ];
            var expected = 0.0;
            for (var e = 0; e < 6; e++)
            {
                var mean = (flat[0][e] + flat[1][e] + flat[2][e]) / 3;
                expected += flat.Sum(tower => (tower[e] - mean) * (tower[e] - mean));
            }

            var penalty = new SoftSharingPenalty(lambda, [("A", a), ("B", b), ("C", c)]);
            Assert.Equal(["layers.0.weight", "layers.0.bias"], penalty.ParameterNames);
            using var value = penalty.Compute();
            Assert.Empty(value.shape);
            Assert.Equal(lambda * expected, value.ToDouble(), 4);
            using var distance = penalty.Distance();
            Assert.Equal(expected, distance.ToDouble(), 4);

            // theta_mean is in the graph: d/d theta_i = 2 lambda (theta_i - theta_mean).
            value.backward();
            var grad = TestTensors.Floats(a.state_dict()["layers.0.weight"].grad!);
            var expectedGrad = Enumerable.Range(0, 4).Select(e => (float)(2 * lambda * (flat[0][e] - ((flat[0][e] + flat[1][e] + flat[2][e]) / 3)))).ToArray();
            Assert.Equal(expectedGrad, grad, (x, y) => Math.Abs(x - y) < 1e-5);

            using var unnamed = SoftSharingPenalty.Compute(lambda, [a, b, c]);
            Assert.Equal(value.ToDouble(), unnamed.ToDouble(), 6);
        }

        [Fact]
        public void Towers_of_different_shapes_are_rejected_with_names()
        {
            using var a = new Trunk(3, [4], Activation.ReLU, dropout: 0, layerNorm: false);
            using var wider = new Trunk(3, [5], Activation.ReLU, dropout: 0, layerNorm: false);
            using var deeper = new Trunk(3, [4, 4], Activation.ReLU, dropout: 0, layerNorm: false);

            var shape = Assert.Throws<ArgumentException>(() => new SoftSharingPenalty(1, [("Price", a), ("Volume", wider)]));
            Assert.Contains("'layers.0.weight' is [5, 3] in 'Volume' but [4, 3] in 'Price'", shape.Message);
            var extra = Assert.Throws<ArgumentException>(() => new SoftSharingPenalty(1, [("Price", a), ("Volume", deeper)]));
            Assert.Contains("'Volume' has a parameter 'layers.2.weight' that 'Price' lacks", extra.Message);
            var missing = Assert.Throws<ArgumentException>(() => new SoftSharingPenalty(1, [("Price", deeper), ("Volume", a)]));
            Assert.Contains("'Volume' has no parameter 'layers.2.weight'", missing.Message);
            Assert.Throws<ArgumentException>(() => new SoftSharingPenalty(1, [("Price", a)]));
            Assert.Throws<ArgumentOutOfRangeException>(() => new SoftSharingPenalty(-1, [("Price", a), ("Volume", a)]));
        }

        private sealed class Problem
        {
            public Problem()
            {
                var random = new Random(3);
                var x = new float[32, 3];
                var y1 = new float[32];
                var y2 = new float[32];
                for (var r = 0; r < 32; r++)
                {
                    for (var j = 0; j < 3; j++)
                    {
                        x[r, j] = (float)(random.NextDouble() * 2 - 1);
                    }

                    y1[r] = x[r, 0] + x[r, 1];
                    y2[r] = -x[r, 2] * 2;
                }

                Input = torch.tensor(x).DetachFromDisposeScope();
                Targets = [torch.tensor(y1).DetachFromDisposeScope(), torch.tensor(y2).DetachFromDisposeScope()];
            }

            public Tensor Input { get; }

            public Tensor[] Targets { get; }

            public static Tensor Loss(Trunk tower, Tensor input, Tensor target)
            {
                using var output = tower.forward(input);
                using var summed = output.sum(1);
                return nn.functional.mse_loss(summed, target);
            }
        }

        private static Trunk NewTower() => new(3, [4], Activation.Tanh, dropout: 0, layerNorm: false);

        private static Trunk CopyOf(Trunk tower)
        {
            var copy = NewTower();
            using var noGrad = torch.no_grad();
            foreach (var (name, value) in tower.state_dict())
            {
                copy.state_dict()[name].copy_(value);
            }

            return copy;
        }

        /// <summary>Trains two towers (started from different weights) on different targets, jointly with the penalty.</summary>
        private static void TrainJointly(Trunk a, Trunk b, Problem problem, double lambda, int steps)
        {
            var penalty = new SoftSharingPenalty(lambda, [("A", a), ("B", b)]);
            using var optimizer = torch.optim.Adam(a.parameters().Concat(b.parameters()), 0.02);
            for (var step = 0; step < steps; step++)
            {
                using var scope = torch.NewDisposeScope();
                var loss = Problem.Loss(a, problem.Input, problem.Targets[0]) + Problem.Loss(b, problem.Input, problem.Targets[1]) + penalty.Compute();
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
            }
        }

        private static void TrainAlone(Trunk tower, Problem problem, Tensor target, int steps)
        {
            using var optimizer = torch.optim.Adam(tower.parameters(), 0.02);
            for (var step = 0; step < steps; step++)
            {
                using var scope = torch.NewDisposeScope();
                var loss = Problem.Loss(tower, problem.Input, target);
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
            }
        }

        private static double Distance(Trunk a, Trunk b)
        {
            using var distance = new SoftSharingPenalty(1, [("A", a), ("B", b)]).Distance();
            return distance.ToDouble();
        }

        [Fact]
        public void A_large_lambda_makes_the_towers_converge_to_each_other()
        {
            var problem = new Problem();
            using var freeA = NewTower();
            using var freeB = NewTower();
            using var tiedA = CopyOf(freeA);
            using var tiedB = CopyOf(freeB);
            var start = Distance(freeA, freeB);

            TrainJointly(freeA, freeB, problem, lambda: 0, steps: 150);
            TrainJointly(tiedA, tiedB, problem, lambda: 10, steps: 150);
            var free = Distance(freeA, freeB);
            var tied = Distance(tiedA, tiedB);
            Assert.True(free > start / 2, $"independent towers should stay apart: distance {free}, at the start {start}");
            Assert.True(tied < free / 50, $"distance with lambda 10: {tied}, with lambda 0: {free}");
        }

        [Fact]
        public void Lambda_zero_trains_each_tower_as_if_alone()
        {
            var problem = new Problem();
            using var jointA = NewTower();
            using var jointB = NewTower();
            using var aloneA = CopyOf(jointA);
            using var aloneB = CopyOf(jointB);
            using var coupledA = CopyOf(jointA);
            using var coupledB = CopyOf(jointB);

            TrainJointly(jointA, jointB, problem, lambda: 0, steps: 30);
            TrainAlone(aloneA, problem, problem.Targets[0], steps: 30);
            TrainAlone(aloneB, problem, problem.Targets[1], steps: 30);

            Assert.True(TestTensors.SameWeights(TestTensors.Weights(jointA), TestTensors.Weights(aloneA)));
            Assert.True(TestTensors.SameWeights(TestTensors.Weights(jointB), TestTensors.Weights(aloneB)));

            // A small lambda already couples them (so the comparison can fail).
            TrainJointly(coupledA, coupledB, problem, lambda: 0.05, steps: 30);
            Assert.False(TestTensors.SameWeights(TestTensors.Weights(coupledA), TestTensors.Weights(aloneA)));
        }
    }
}
