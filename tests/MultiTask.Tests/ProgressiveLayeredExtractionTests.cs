using System;
using System.Linq;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.Tests
{
    public class ProgressiveLayeredExtractionTests
    {
        private static void AssertRowsSumToOne(Tensor gate)
        {
            using var sums = gate.sum(1);
            Assert.All(TestTensors.Floats(sums), s => Assert.Equal(1.0, s, 5));
            Assert.All(TestTensors.Floats(gate), w => Assert.InRange(w, 0f, 1f));
        }

        [Fact]
        public void Cgc_has_one_gate_per_task_over_its_own_and_the_shared_experts()
        {
            using var cgc = new ProgressiveLayeredExtraction(5, tasks: 3, sharedExperts: 2, taskExperts: 1, hidden: [4], levels: 1, Activation.ReLU);
            Assert.Equal(
                ["levels.0.experts.weights.0", "levels.0.experts.biases.0",
                 "levels.0.taskGates.0.weight", "levels.0.taskGates.0.bias", "levels.0.taskGates.1.weight", "levels.0.taskGates.1.bias",
                 "levels.0.taskGates.2.weight", "levels.0.taskGates.2.bias"],
                cgc.state_dict().Keys.ToArray());
            Assert.Equal([5L, 5L, 4L], cgc.state_dict()["levels.0.experts.weights.0"].shape); // 2 shared + 3 tasks x 1
            Assert.Equal(4, cgc.OutputSize);

            using var x = torch.randn(6, 5);
            var outputs = cgc.forward(x);
            Assert.Equal(3, outputs.Length);
            Assert.All(outputs, o => Assert.Equal([6L, 4L], o.shape));
            var gates = cgc.GateWeights(x);
            var level = Assert.Single(gates);
            Assert.Equal(3, level.Length);
            foreach (var gate in level)
            {
                Assert.Equal([6L, 3L], gate.shape);
                AssertRowsSumToOne(gate);
            }
        }

        [Fact]
        public void Two_levels_feed_a_shared_path_and_task_paths()
        {
            using var ple = new ProgressiveLayeredExtraction(5, tasks: 2, sharedExperts: 2, taskExperts: 2, hidden: [6, 3], levels: 2, Activation.Tanh);
            var keys = ple.state_dict().Keys.ToArray();
            Assert.Contains("levels.0.sharedGate.weight", keys);
            Assert.DoesNotContain("levels.1.sharedGate.weight", keys);
            Assert.Equal([6L, 5L, 6L], ple.state_dict()["levels.0.experts.weights.0"].shape);
            Assert.Equal([6L, 3L, 6L], ple.state_dict()["levels.1.experts.weights.0"].shape); // level 2 reads the width-3 paths
            Assert.Equal([6L, 5L], ple.state_dict()["levels.0.sharedGate.weight"].shape);
            Assert.Equal(3, ple.OutputSize);

            using var x = torch.randn(7, 5);
            var outputs = ple.forward(x);
            Assert.Equal(2, outputs.Length);
            Assert.All(outputs, o => Assert.Equal([7L, 3L], o.shape));
            var gates = ple.GateWeights(x);
            Assert.Equal(2, gates.Length);
            Assert.Equal([[7L, 4L], [7L, 4L], [7L, 6L]], gates[0].Select(g => g.shape));
            Assert.Equal([[7L, 4L], [7L, 4L]], gates[1].Select(g => g.shape));
            foreach (var gate in gates.SelectMany(g => g))
            {
                AssertRowsSumToOne(gate);
            }

            using var wrong = torch.randn(7, 4);
            Assert.Contains("[N, 5], got [7, 4]", Assert.Throws<ArgumentException>(() => ple.forward(wrong)).Message);
        }

        [Fact]
        public void A_task_reads_only_its_own_and_the_shared_experts_at_one_level()
        {
            using var cgc = new ProgressiveLayeredExtraction(3, tasks: 2, sharedExperts: 1, taskExperts: 2, hidden: [4], levels: 1, Activation.ReLU);
            using var x = torch.randn(16, 3);
            using (var scope = torch.NewDisposeScope())
            {
                var outputs = cgc.forward(x);
                outputs[0].square().sum().backward();
            }

            // Bank order: shared expert 0, task 0's experts 1 and 2, task 1's experts 3 and 4.
            using var grad = cgc.state_dict()["levels.0.experts.weights.0"].grad!.abs().sum([1, 2]);
            var perExpert = TestTensors.Floats(grad);
            Assert.All(perExpert[..3], g => Assert.True(g > 0));
            Assert.Equal([0f, 0f], perExpert[3..]);
            var otherGate = cgc.state_dict()["levels.0.taskGates.1.weight"].grad;
            Assert.True(otherGate is null || TestTensors.Floats(otherGate).All(v => v == 0), "task 1's gate got a gradient from task 0's output");
        }

        [Fact]
        public void Gradients_reach_every_level_and_gate()
        {
            using var ple = new ProgressiveLayeredExtraction(3, tasks: 2, sharedExperts: 1, taskExperts: 1, hidden: [4], levels: 2, Activation.SiLU);
            using var x = torch.randn(16, 3);
            using (var scope = torch.NewDisposeScope())
            {
                var outputs = ple.forward(x);
                (outputs[0].square().sum() + outputs[1].sum()).backward();
            }

            foreach (var (name, parameter) in ple.named_parameters())
            {
                Assert.NotNull(parameter.grad);
                using var norm = parameter.grad!.abs().sum();
                Assert.True(norm.ToDouble() > 0, $"no gradient reached {name}");
            }
        }

        [Fact]
        public void Cgc_without_task_experts_equals_mmoe_with_the_same_weights()
        {
            using var moe = new MixtureOfExperts(4, experts: 3, hidden: [5, 2], tasks: 2, Activation.GELU);
            using var cgc = new ProgressiveLayeredExtraction(4, tasks: 2, sharedExperts: 3, taskExperts: 0, hidden: [5, 2], levels: 1, Activation.GELU);
            using (torch.no_grad())
            {
                foreach (var key in new[] { "weights.0", "weights.1", "biases.0", "biases.1" })
                {
                    cgc.state_dict()[$"levels.0.experts.{key}"].copy_(moe.state_dict()[$"experts.{key}"]);
                }

                for (var k = 0; k < 2; k++)
                {
                    cgc.state_dict()[$"levels.0.taskGates.{k}.weight"].copy_(moe.state_dict()["gates.weight"].narrow(0, k * 3, 3));
                    cgc.state_dict()[$"levels.0.taskGates.{k}.bias"].copy_(moe.state_dict()["gates.bias"].narrow(0, k * 3, 3));
                }
            }

            using var x = torch.randn(9, 4);
            var expected = moe.forward(x);
            var actual = cgc.forward(x);
            var expectedGates = moe.GateWeights(x);
            var actualGates = cgc.GateWeights(x)[0];
            for (var k = 0; k < 2; k++)
            {
                Assert.Equal(TestTensors.Floats(expected[k]), TestTensors.Floats(actual[k]), (a, b) => Math.Abs(a - b) < 1e-5);
                Assert.Equal(TestTensors.Floats(expectedGates[k]), TestTensors.Floats(actualGates[k]), (a, b) => Math.Abs(a - b) < 1e-6);
            }
        }

        [Fact]
        public void Invalid_arguments_are_rejected()
        {
            Assert.Throws<ArgumentException>(() => new ProgressiveLayeredExtraction(4, tasks: 2, sharedExperts: 0, taskExperts: 0, hidden: [3], levels: 1, Activation.ReLU));
            Assert.Throws<ArgumentOutOfRangeException>(() => new ProgressiveLayeredExtraction(4, tasks: 0, sharedExperts: 1, taskExperts: 1, hidden: [3], levels: 1, Activation.ReLU));
            Assert.Throws<ArgumentOutOfRangeException>(() => new ProgressiveLayeredExtraction(4, tasks: 2, sharedExperts: 1, taskExperts: 1, hidden: [3], levels: 0, Activation.ReLU));
            Assert.Throws<ArgumentOutOfRangeException>(() => new ProgressiveLayeredExtraction(4, tasks: 2, sharedExperts: -1, taskExperts: 1, hidden: [3], levels: 1, Activation.ReLU));
            Assert.Throws<ArgumentException>(() => new ProgressiveLayeredExtraction(4, tasks: 2, sharedExperts: 1, taskExperts: 1, hidden: [], levels: 1, Activation.ReLU));
        }
    }
}
