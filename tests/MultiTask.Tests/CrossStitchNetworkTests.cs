using System;
using System.Linq;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.Tests
{
    public class CrossStitchNetworkTests
    {
        [Fact]
        public void State_dict_names_one_tower_per_task_and_the_mixings_start_near_identity()
        {
            using var network = new CrossStitchNetwork(4, tasks: 3, hidden: [5, 2], Activation.ReLU);
            var keys = network.state_dict().Keys.ToArray();
            Assert.Equal(
                ["towers.0.0.0.weight", "towers.0.0.0.bias", "towers.0.1.0.weight", "towers.0.1.0.bias",
                 "towers.1.0.0.weight", "towers.1.0.0.bias", "towers.1.1.0.weight", "towers.1.1.0.bias",
                 "towers.2.0.0.weight", "towers.2.0.0.bias", "towers.2.1.0.weight", "towers.2.1.0.bias", "stitches"],
                keys.OrderBy(k => k == "stitches").ToArray());
            Assert.Equal([5L, 4L], network.state_dict()["towers.2.0.0.weight"].shape);
            Assert.Equal([2L, 5L], network.state_dict()["towers.2.1.0.weight"].shape);
            Assert.Equal([2L, 3L, 3L], network.Stitches.shape);
            Assert.Equal(2, network.OutputSize);
            Assert.Equal(2, network.Layers);

            // a_ii = 0.9, a_ij = 0.1 / (K - 1): every row sums to one.
            Assert.Equal(new[] { 0.9f, 0.05f, 0.05f, 0.05f, 0.9f, 0.05f, 0.05f, 0.05f, 0.9f }, TestTensors.Floats(network.Stitches[1]));
            using var towers = new CrossStitchNetwork(4, tasks: 2, hidden: [3], Activation.ReLU, layerNorm: true, dropout: 0.1, selfWeight: 0.75);
            Assert.Equal(new[] { 0.75f, 0.25f, 0.25f, 0.75f }, TestTensors.Floats(towers.Stitches));
            Assert.Contains("towers.1.0.1.weight", towers.state_dict().Keys); // the layer norm
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void With_identity_mixing_it_equals_independent_towers_with_the_same_weights(bool layerNorm)
        {
            using var network = new CrossStitchNetwork(4, tasks: 3, hidden: [6, 3], Activation.GELU, layerNorm: layerNorm, selfWeight: 1);
            TestTensors.AssertClose(torch.eye(3).expand(2, 3, 3), network.Stitches);
            var perLayer = layerNorm ? 3 : 2; // modules of one layer in a trunk's flat Sequential
            var state = network.state_dict();
            for (var k = 0; k < 3; k++)
            {
                using var tower = new Trunk(4, [6, 3], Activation.GELU, dropout: 0, layerNorm: layerNorm);
                using (torch.no_grad())
                {
                    foreach (var (name, parameter) in tower.named_parameters())
                    {
                        var parts = name.Split('.'); // layers.{module}.{weight|bias}
                        var module = int.Parse(parts[1]);
                        parameter.copy_(state[$"towers.{k}.{module / perLayer}.{module % perLayer}.{parts[2]}"]);
                    }
                }

                using var x = torch.randn(5, 4);
                var outputs = network.forward(x);
                using var alone = tower.forward(x);
                TestTensors.AssertClose(alone, outputs[k]);
            }
        }

        [Fact]
        public void The_mixing_is_the_hand_computed_weighted_sum_of_the_towers_after_each_layer()
        {
            using var network = new CrossStitchNetwork(3, tasks: 2, hidden: [4, 2], Activation.Tanh);
            using (torch.no_grad())
            {
                network.Stitches.copy_(torch.tensor(new float[] { 0.7f, 0.3f, -0.2f, 1.1f, 0.5f, 0.5f, 0.25f, 0.6f }, [2, 2, 2]));
            }

            var state = network.state_dict();
            using var x = torch.randn(6, 3);
            var a = new[,,] { { { 0.7, 0.3 }, { -0.2, 1.1 } }, { { 0.5, 0.5 }, { 0.25, 0.6 } } };
            Tensor[] h = [x, x];
            for (var l = 0; l < 2; l++)
            {
                var z = Enumerable.Range(0, 2)
                    .Select(k => (h[k].matmul(state[$"towers.{k}.{l}.0.weight"].t()) + state[$"towers.{k}.{l}.0.bias"]).tanh())
                    .ToArray();
                h = Enumerable.Range(0, 2).Select(i => (z[0] * a[l, i, 0]) + (z[1] * a[l, i, 1])).ToArray();
            }

            var outputs = network.forward(x);
            Assert.Equal(2, outputs.Length);
            TestTensors.AssertClose(h[0], outputs[0]);
            TestTensors.AssertClose(h[1], outputs[1]);
        }

        [Fact]
        public void Gradients_reach_the_mixings_and_through_them_the_other_towers()
        {
            using var network = new CrossStitchNetwork(3, tasks: 2, hidden: [4, 2], Activation.SiLU);
            using var x = torch.randn(8, 3);
            using (var scope = torch.NewDisposeScope())
            {
                var outputs = network.forward(x);
                outputs[0].square().sum().backward(); // task 0 only: tower 1 learns through a_01
            }

            foreach (var (name, parameter) in network.named_parameters())
            {
                Assert.NotNull(parameter.grad);
                Assert.True(TestTensors.Floats(parameter.grad!).Any(g => g != 0), $"no gradient reached {name}");
            }

            // The last mixing's row of task 1 does not touch task 0's output.
            Assert.Equal(new[] { 0f, 0f }, TestTensors.Floats(network.Stitches.grad![1][1]));
            Assert.All(TestTensors.Floats(network.Stitches.grad![1][0]), g => Assert.NotEqual(0f, g));

            // At identity, task 0's loss still moves the off-diagonal a_01 (the towers can start sharing), not tower 1's weights.
            using var independent = new CrossStitchNetwork(3, tasks: 2, hidden: [4], Activation.SiLU, selfWeight: 1);
            using (var scope = torch.NewDisposeScope())
            {
                independent.forward(x)[0].square().sum().backward();
            }

            Assert.NotEqual(0f, TestTensors.Floats(independent.Stitches.grad!)[1]);
            var otherTower = independent.state_dict()["towers.1.0.0.weight"].grad;
            Assert.True(otherTower is null || TestTensors.Floats(otherTower).All(g => g == 0), "tower 1 got a gradient from task 0 through an identity mixing");
        }

        [Fact]
        public void Bad_arguments_and_inputs_are_named()
        {
            using var network = new CrossStitchNetwork(3, tasks: 2, hidden: [4], Activation.ReLU);
            using var wrong = torch.randn(8, 5);
            Assert.Contains("[N, 3], got [8, 5]", Assert.Throws<ArgumentException>(() => network.forward(wrong)).Message);
            Assert.Throws<ArgumentOutOfRangeException>(() => new CrossStitchNetwork(3, tasks: 0, hidden: [4], Activation.ReLU));
            Assert.Contains("at least one layer", Assert.Throws<ArgumentException>(() => new CrossStitchNetwork(3, tasks: 2, hidden: [], Activation.ReLU)).Message);
            Assert.Throws<ArgumentOutOfRangeException>(() => new CrossStitchNetwork(3, tasks: 2, hidden: [4], Activation.ReLU, selfWeight: 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => new CrossStitchNetwork(3, tasks: 2, hidden: [0], Activation.ReLU));
        }

        [Fact]
        public void The_mixings_follow_the_module_to_another_dtype_and_one_task_is_one_tower()
        {
            using var network = new CrossStitchNetwork(3, tasks: 2, hidden: [4, 2], Activation.ReLU, dropout: 0.2);
            network.to(ScalarType.Float64);
            Assert.All(network.parameters(), p => Assert.Equal(ScalarType.Float64, p.dtype));
            using var x = torch.randn(5, 3, dtype: ScalarType.Float64);
            network.eval();
            var first = network.forward(x);
            var second = network.forward(x);
            Assert.Equal(TestTensors.Floats(first[1]), TestTensors.Floats(second[1])); // no dropout in eval mode
            Assert.All(first, y => Assert.Equal(ScalarType.Float64, y.dtype));

            using var single = new CrossStitchNetwork(3, tasks: 1, hidden: [2], Activation.ReLU);
            Assert.Equal(new[] { 1f }, TestTensors.Floats(single.Stitches));
        }
    }
}
