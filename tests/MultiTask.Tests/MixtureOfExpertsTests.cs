using System;
using System.Linq;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.Tests
{
    public class MixtureOfExpertsTests
    {
        /// <summary>Expert e of the bank as ordinary Linear layers (weights copied), run the unbatched way.</summary>
        private static Tensor RunExpertAlone(ExpertBank bank, int expert, Tensor input, Func<Tensor, Tensor> activation)
        {
            var state = bank.state_dict();
            var current = input.alias();
            for (var layer = 0; state.ContainsKey($"weights.{layer}"); layer++)
            {
                var weight = state[$"weights.{layer}"][expert];
                using var linear = nn.Linear(weight.shape[0], weight.shape[1]);
                using (torch.no_grad())
                {
                    linear.weight!.copy_(weight.t());
                    linear.bias!.copy_(state[$"biases.{layer}"][expert]);
                }

                using var previous = current;
                using var z = linear.forward(previous);
                current = activation(z);
            }

            return current;
        }

        [Fact]
        public void Expert_bank_computes_what_one_linear_stack_per_expert_computes()
        {
            using var bank = new ExpertBank(3, experts: 4, hidden: [5, 2], Activation.Tanh);
            Assert.Equal(["weights.0", "weights.1", "biases.0", "biases.1"], bank.state_dict().Keys.ToArray());
            Assert.Equal([4L, 3L, 5L], bank.state_dict()["weights.0"].shape);
            Assert.Equal([4L, 2L], bank.state_dict()["biases.1"].shape);
            Assert.Equal(2, bank.OutputSize);
            var bound = 1 / Math.Sqrt(3);
            Assert.All(TestTensors.Floats(bank.state_dict()["weights.0"]), w => Assert.InRange(w, -bound, bound));
            Assert.All(TestTensors.Floats(bank.state_dict()["biases.1"]), w => Assert.InRange(w, -1 / Math.Sqrt(5), 1 / Math.Sqrt(5)));

            using var x = torch.randn(6, 3);
            using var all = bank.forward(x);
            Assert.Equal([4L, 6L, 2L], all.shape);
            for (var e = 0; e < 4; e++)
            {
                using var alone = RunExpertAlone(bank, e, x, t => t.tanh());
                using var batched = all[e];
                TestTensors.AssertClose(alone, batched);
            }

            // Per-expert inputs [E, N, in]: expert e reads input[e].
            using var perExpert = torch.randn(4, 6, 3);
            using var mixedInputs = bank.forward(perExpert);
            for (var e = 0; e < 4; e++)
            {
                using var rows = perExpert[e];
                using var alone = RunExpertAlone(bank, e, rows, t => t.tanh());
                using var batched = mixedInputs[e];
                TestTensors.AssertClose(alone, batched);
            }

            using var wrong = torch.randn(6, 4);
            Assert.Contains("[N, 3] or [4, N, 3]", Assert.Throws<ArgumentException>(() => bank.forward(wrong)).Message);
            Assert.Throws<ArgumentOutOfRangeException>(() => new ExpertBank(3, experts: 0, hidden: [2], Activation.ReLU));
            Assert.Throws<ArgumentException>(() => new ExpertBank(3, experts: 2, hidden: [], Activation.ReLU));
        }

        [Fact]
        public void Gates_sum_to_one_per_row_and_the_output_is_the_gated_sum_of_experts()
        {
            using var moe = new MixtureOfExperts(4, experts: 3, hidden: [5], tasks: 2, Activation.ReLU);
            Assert.Equal(["experts.weights.0", "experts.biases.0", "gates.weight", "gates.bias"], moe.state_dict().Keys.ToArray());
            Assert.Equal([6L, 4L], moe.state_dict()["gates.weight"].shape);
            Assert.Equal(5, moe.OutputSize);

            using var x = torch.randn(7, 4);
            var gates = moe.GateWeights(x);
            Assert.Equal(2, gates.Length);
            foreach (var gate in gates)
            {
                Assert.Equal([7L, 3L], gate.shape);
                using var sums = gate.sum(1);
                TestTensors.AssertClose(torch.ones(7), sums);
                Assert.All(TestTensors.Floats(gate), w => Assert.InRange(w, 0f, 1f));
            }

            // By hand: g_k = softmax(W_k x + b_k) with task k's rows of the gate layer; f^k = sum_i g_k[i] * e_i(x).
            var outputs = moe.forward(x);
            Assert.Equal(2, outputs.Length);
            var experts = Enumerable.Range(0, 3).Select(e => RunExpertAlone(SubBank(moe), e, x, t => t.relu())).ToArray();
            for (var k = 0; k < 2; k++)
            {
                using var w = moe.state_dict()["gates.weight"].narrow(0, k * 3, 3);
                using var b = moe.state_dict()["gates.bias"].narrow(0, k * 3, 3);
                using var logits = x.matmul(w.t()) + b;
                using var g = logits.softmax(1);
                TestTensors.AssertClose(g, gates[k]);
                var expected = torch.zeros(7, 5);
                for (var e = 0; e < 3; e++)
                {
                    expected = expected + (g[.., e..(e + 1)] * experts[e]);
                }

                TestTensors.AssertClose(expected, outputs[k]);
            }
        }

        private static ExpertBank SubBank(MixtureOfExperts moe)
        {
            var bank = new ExpertBank(moe.InputSize, moe.Experts, [moe.OutputSize], Activation.ReLU);
            using var noGrad = torch.no_grad();
            bank.state_dict()["weights.0"].copy_(moe.state_dict()["experts.weights.0"]);
            bank.state_dict()["biases.0"].copy_(moe.state_dict()["experts.biases.0"]);
            return bank;
        }

        [Fact]
        public void With_one_expert_every_task_reads_a_shared_bottom()
        {
            using var moe = new MixtureOfExperts(4, experts: 1, hidden: [6, 3], tasks: 3, Activation.GELU);
            using var trunk = new Trunk(4, [6, 3], Activation.GELU, dropout: 0, layerNorm: false);
            using (torch.no_grad())
            {
                moe.state_dict()["experts.weights.0"].copy_(trunk.state_dict()["layers.0.weight"].t().unsqueeze(0));
                moe.state_dict()["experts.biases.0"].copy_(trunk.state_dict()["layers.0.bias"].unsqueeze(0));
                moe.state_dict()["experts.weights.1"].copy_(trunk.state_dict()["layers.2.weight"].t().unsqueeze(0));
                moe.state_dict()["experts.biases.1"].copy_(trunk.state_dict()["layers.2.bias"].unsqueeze(0));
            }

            using var x = torch.randn(5, 4);
            using var bottom = trunk.forward(x);
            var outputs = moe.forward(x);
            Assert.Equal(3, outputs.Length);
            foreach (var output in outputs)
            {
                TestTensors.AssertClose(bottom, output);
            }
        }

        [Fact]
        public void Gradients_reach_the_experts_and_the_gates()
        {
            using var moe = new MixtureOfExperts(3, experts: 2, hidden: [4, 2], tasks: 2, Activation.SiLU);
            using var x = torch.randn(8, 3);
            using (var scope = torch.NewDisposeScope())
            {
                var outputs = moe.forward(x);
                var loss = outputs[0].square().sum() + outputs[1].sum();
                loss.backward();
            }

            foreach (var (name, parameter) in moe.named_parameters())
            {
                Assert.NotNull(parameter.grad);
                using var norm = parameter.grad!.abs().sum();
                Assert.True(norm.ToDouble() > 0, $"no gradient reached {name}");
            }

            using var wrong = torch.randn(8, 4);
            Assert.Contains("[N, 3], got [8, 4]", Assert.Throws<ArgumentException>(() => moe.forward(wrong)).Message);
            Assert.Throws<ArgumentOutOfRangeException>(() => new MixtureOfExperts(3, experts: 2, hidden: [4], tasks: 0, Activation.ReLU));
        }

        [Fact]
        public void Batched_parameters_follow_the_module_to_another_dtype()
        {
            using var moe = new MixtureOfExperts(4, experts: 3, hidden: [5, 2], tasks: 2, Activation.GELU);
            using var ple = new ProgressiveLayeredExtraction(4, tasks: 2, sharedExperts: 1, taskExperts: 1, hidden: [3], levels: 2, Activation.ReLU);
            moe.to(ScalarType.Float64);
            ple.to(ScalarType.Float64);
            Assert.All(moe.parameters().Concat(ple.parameters()), p => Assert.Equal(ScalarType.Float64, p.dtype));
            using var x = torch.randn(3, 4, dtype: ScalarType.Float64);
            Assert.All(moe.forward(x), y => Assert.Equal(ScalarType.Float64, y.dtype));
            Assert.All(ple.forward(x), y => Assert.Equal(ScalarType.Float64, y.dtype));
        }
    }
}
