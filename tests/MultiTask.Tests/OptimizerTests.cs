using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.Tests
{
    /// <summary>
    /// The runtime's optimizers against TorchSharp's torch.optim over several steps on identical networks and gradients:
    /// same parameters (allclose), same state, and no tensors left behind by a step.
    /// </summary>
    [Collection(SerialCollection.Name)]
    public class OptimizerTests
    {
        private const int Steps = 6;

        public static TheoryData<string> Cases => new()
        {
            "adam", "adam-decay", "adam-amsgrad", "adam-maximize", "adam-groups", "adam-groups-same-options", "adam-unused-parameter", "adam-large-parameter",
            "adamw", "adamw-decay", "adamw-amsgrad-groups", "adamw-large-parameter-decay-amsgrad",
            "sgd", "sgd-momentum", "sgd-momentum-decay-dampening", "sgd-nesterov-groups",
        };

        [Theory]
        [MemberData(nameof(Cases))]
        public void The_runtime_optimizer_matches_torch_optim(string name)
        {
            using var scope = torch.NewDisposeScope();
            // The "large" cases have a first layer of 7000 x 5 = 35,000 weights, above the flat buffers' limit of 32,768
            // elements: updated on its own, in the same step as the flat update of the other three parameters.
            var hidden = name.Contains("large", StringComparison.Ordinal) ? 7000 : 7;
            var (reference, runtime) = (Network(seed: 11, hidden), Network(seed: 11, hidden));
            using var expected = Create(name, reference, runtimeOptimizer: false);
            using var actual = Create(name, runtime, runtimeOptimizer: true);
            Assert.NotEqual(expected.GetType(), actual.GetType());
            Assert.IsAssignableFrom(expected.GetType(), actual);

            for (var step = 0; step < Steps; step++)
            {
                Backward(reference, step);
                Backward(runtime, step);
                expected.step();
                actual.step();
                Assert.Equal(expected.ParamGroups.Select(g => g.LearningRate), actual.ParamGroups.Select(g => g.LearningRate));
                foreach (var ((n, e), (_, a)) in reference.named_parameters().Zip(runtime.named_parameters()))
                {
                    Assert.True(a.allclose(e, rtol: 1e-5, atol: 1e-7), $"{name}: parameter {n} differs after step {step + 1}: max |diff| {(a - e).abs().max().ToDouble()}");
                }
            }

            // The moments (or momentum buffers) match too, so later steps keep matching.
            var expectedState = ((OptimizerHelper)expected).state_dict().State;
            var actualState = ((OptimizerHelper)actual).state_dict().State;
            Assert.Equal(expectedState.Count, actualState.Count);
            for (var i = 0; i < expectedState.Count; i++)
            {
                Assert.True(actualState[i].ApproximatelyEquals(expectedState[i]), $"{name}: state {i} differs");
            }
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Embedding_rows_no_batch_has_read_update_as_torch_optim_does_bit_for_bit(bool amsgrad)
        {
            using var scope = torch.NewDisposeScope();
            // A large table (40,000 x 2, updated on its own) and a small one (flat buffers): most rows never get a nonzero
            // gradient, so their second moment stays exactly zero, where the runtime raises it before the square root. Row 9
            // of each, 1e-16 with a gradient of 1e-22, has a second moment that underflows to zero and a visible update: the
            // floor must not change it.
            Sequential Tables()
            {
                torch.manual_seed(5);
                var tables = nn.Sequential(("large", nn.Embedding(40_000, 2)), ("small", nn.Embedding(50, 2)));
                using (torch.no_grad())
                {
                    foreach (var table in tables.parameters())
                    {
                        table[9].fill_(1e-16);
                    }
                }

                return tables;
            }

            var (reference, runtime) = (Tables(), Tables());
            using var expected = new Adam(reference.parameters(), lr: 0.01, amsgrad: amsgrad);
            using var actual = new AdamOptimizer(runtime.parameters(), lr: 0.01, amsgrad: amsgrad);
            for (var step = 0; step < Steps; step++)
            {
                foreach (var (network, optimizer) in new[] { (reference, (optim.Optimizer)expected), (runtime, actual) })
                {
                    optimizer.zero_grad();
                    using var ids = torch.tensor(new long[] { step, 7, 3 * step + 1 });
                    using var tiny = torch.tensor(new long[] { 9 });
                    var (large, small) = ((Embedding)network[0], (Embedding)network[1]);
                    using var loss = large.forward(ids).pow(2).sum().add(small.forward(ids).sum())
                        .add(large.forward(tiny).sum().add(small.forward(tiny).sum()).mul(1e-22));
                    loss.backward();
                    optimizer.step();
                }

                foreach (var ((n, e), (_, a)) in reference.named_parameters().Zip(runtime.named_parameters()))
                {
                    Assert.True(a.eq(e).all().item<bool>(), $"{n} differs after step {step + 1}: max |diff| {(a - e).abs().max().ToDouble()}");
                }
            }
        }

        [Theory]
        [InlineData("adam-decay")]
        [InlineData("adamw-amsgrad-groups")]
        [InlineData("sgd-nesterov-groups")]
        public void A_step_leaves_no_live_tensor_behind(string name)
        {
            var network = Network(seed: 3);
            using var optimizer = Create(name, network, runtimeOptimizer: true);
            // The first steps create the optimizer's state (momentum buffers); after that the count must not move.
            for (var step = 0; step < 2; step++)
            {
                using var scope = torch.NewDisposeScope();
                Backward(network, step);
                optimizer.step();
            }

            var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
            for (var step = 2; step < 20; step++)
            {
                optimizer.step(); // outside any dispose scope: whatever it leaves stays live
            }

            Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        }

        [Fact]
        public void Adam_keeps_every_moment_in_one_flat_buffer_across_groups()
        {
            using var scope = torch.NewDisposeScope();
            var network = Network(seed: 4);
            var parameters = network.parameters().ToArray();
            using var optimizer = new AdamOptimizer([new Adam.ParamGroup(parameters[..2], lr: 0.01), new Adam.ParamGroup(parameters[2..], lr: 0.02)]);
            Backward(network, 0);
            optimizer.step();

            // Each parameter's moments start where the previous parameter's end, in the next group too.
            var states = optimizer.state_dict().State.Cast<Adam.State>().ToArray();
            var offset = 0L;
            for (var i = 0; i < parameters.Length; i++)
            {
                Assert.Equal(offset, states[i].exp_avg.storage_offset());
                Assert.Equal(offset, states[i].exp_avg_sq.storage_offset());
                Assert.Equal(1, states[i].step);
                offset += parameters[i].numel();
            }
        }

        [Fact]
        public void A_state_dict_loaded_from_another_optimizer_leaves_both_working()
        {
            using var scope = torch.NewDisposeScope();
            var (first, second) = (Network(seed: 6), Network(seed: 6));
            using var source = new AdamOptimizer(first.parameters(), lr: 0.01);
            using var target = new AdamOptimizer(second.parameters(), lr: 0.01);
            for (var step = 0; step < 2; step++)
            {
                Backward(first, step);
                source.step();
                Backward(second, step);
                target.step();
            }

            // The target now shares the source's moment tensors (TorchSharp assigns them); its next step moves them into
            // flat buffers of its own and must not dispose what the source still uses.
            target.load_state_dict(source.state_dict());
            for (var step = 2; step < 4; step++)
            {
                Backward(first, step);
                source.step();
                Backward(second, step);
                target.step();
            }

            foreach (var ((n, a), (_, b)) in first.named_parameters().Zip(second.named_parameters()))
            {
                Assert.True(a.allclose(b, rtol: 1e-5, atol: 1e-7), $"parameter {n} differs");
            }

            var (sourceState, targetState) = (source.state_dict().State, target.state_dict().State);
            Assert.All(sourceState.Zip(targetState), pair => Assert.True(pair.First.ApproximatelyEquals(pair.Second)));
        }

        [Theory]
        [InlineData("adam-decay", 2)] // gradients and (for the L2 decay) parameters concatenated
        [InlineData("adamw-amsgrad-groups", 2)] // two groups with different settings: two flat updates
        [InlineData("sgd-nesterov-groups", 0)]
        public void Steps_and_zero_grad_leave_only_the_flat_update_s_concatenations_to_the_finalizer(string name, int perStep)
        {
            // TorchSharp's own zero_grad and every add without an explicit alpha leave a Scalar per call (with those, this
            // network's steps left about 18 objects each); the runtime's optimizers leave only what TorchSharp's cat does,
            // one object per concatenation, and SGD nothing.
            const int steps = 200;
            var network = Network(seed: 9);
            using var optimizer = Create(name, network, runtimeOptimizer: true);
            Backward(network, 0);
            void Steps(int count)
            {
                for (var step = 0; step < count; step++)
                {
                    using var scope = torch.NewDisposeScope();
                    optimizer.step();
                    optimizer.zero_grad();
                }
            }

            Steps(5);
            var finalized = FinalizerCounter.Count(() => Steps(steps));

            // Up to half an object per step of slack: garbage of earlier tests whose finalization events arrive late.
            Assert.True(finalized < (perStep + 0.5) * steps, $"{name}: {finalized} objects left to the finalizer over {steps} steps");
        }

        [Fact]
        public void The_closure_runs_with_gradients_and_its_loss_is_returned()
        {
            using var scope = torch.NewDisposeScope();
            var network = Network(seed: 5);
            using var optimizer = new AdamOptimizer(network.parameters(), lr: 0.01);
            var calls = 0;
            var loss = optimizer.step(() =>
            {
                calls++;
                optimizer.zero_grad();
                var l = Loss(network, 0);
                l.backward();
                return l;
            });
            Assert.Equal(1, calls);
            Assert.NotNull(loss);
            Assert.True(loss.requires_grad);
        }

        [Theory]
        [InlineData(OptimizerKind.Adam, typeof(AdamOptimizer))]
        [InlineData(OptimizerKind.AdamW, typeof(AdamWOptimizer))]
        [InlineData(OptimizerKind.Sgd, typeof(SgdOptimizer))]
        public void The_trainer_uses_the_runtime_optimizers(OptimizerKind kind, Type expected)
        {
            using var net = new TinyNet();
            using var trainer = new TinyTrainer(net, new TrainingOptions<TinyMetrics> { Optimizer = kind, LearningRate = 0.02, WeightDecay = 0.001 }, valueHead: new ComponentOptions { LearningRate = 0.005 });
            Assert.IsType(expected, trainer.Optimizer);
            Assert.Equal([0.02, 0.02, 0.005], trainer.Optimizer.ParamGroups.Select(g => g.LearningRate));
        }

        [Fact]
        public void State_saved_from_the_runtime_optimizer_loads_back()
        {
            using var scope = torch.NewDisposeScope();
            var network = Network(seed: 8);
            using var optimizer = new AdamOptimizer(network.parameters(), lr: 0.01);
            Backward(network, 0);
            optimizer.step();
            var path = System.IO.Path.GetTempFileName();
            try
            {
                optimizer.save_state_dict(path);
                using var restored = new AdamOptimizer(network.parameters(), lr: 0.01);
                restored.load_state_dict(path);
                var a = restored.state_dict().State;
                var b = optimizer.state_dict().State;
                Assert.All(a.Zip(b), pair => Assert.True(pair.First.ApproximatelyEquals(pair.Second)));
            }
            finally
            {
                System.IO.File.Delete(path);
            }
        }

        private static Sequential Network(int seed, int hidden = 7)
        {
            torch.manual_seed(seed);
            return nn.Sequential(("a", nn.Linear(5, hidden)), ("relu", nn.ReLU()), ("b", nn.Linear(hidden, 3)));
        }

        private static Tensor Loss(Sequential network, int step)
        {
            var generator = new Generator((ulong)(100 + step));
            var input = torch.randn(16, 5, generator: generator);
            var target = torch.randn(16, 3, generator: generator);
            return nn.functional.mse_loss(network.forward(input), target);
        }

        private static void Backward(Sequential network, int step)
        {
            foreach (var p in network.parameters())
            {
                p.grad?.zero_();
            }

            Loss(network, step).backward();
        }

        /// <summary>The same configuration as torch.optim's optimizer or as the runtime's.</summary>
        private static optim.Optimizer Create(string name, Sequential network, bool runtimeOptimizer)
        {
            var all = network.parameters().ToArray();
            var first = network.named_parameters().Where(p => p.name.StartsWith("a.", StringComparison.Ordinal)).Select(p => p.parameter).ToArray();
            var second = network.named_parameters().Where(p => p.name.StartsWith("b.", StringComparison.Ordinal)).Select(p => p.parameter).ToArray();
            switch (name)
            {
                case "adam":
                    return runtimeOptimizer ? new AdamOptimizer(all, lr: 0.01) : new Adam(all, lr: 0.01);
                case "adam-decay":
                    return runtimeOptimizer ? new AdamOptimizer(all, lr: 0.01, weight_decay: 0.1) : new Adam(all, lr: 0.01, weight_decay: 0.1);
                case "adam-amsgrad":
                    return runtimeOptimizer ? new AdamOptimizer(all, lr: 0.01, amsgrad: true) : new Adam(all, lr: 0.01, amsgrad: true);
                case "adam-maximize":
                    return runtimeOptimizer ? new AdamOptimizer(all, lr: 0.01, beta1: 0.8, beta2: 0.99, eps: 1e-6, maximize: true) : new Adam(all, lr: 0.01, beta1: 0.8, beta2: 0.99, eps: 1e-6, maximize: true);
                case "adam-large-parameter":
                    return runtimeOptimizer ? new AdamOptimizer(all, lr: 0.01) : new Adam(all, lr: 0.01);
                case "adam-groups-same-options":
                {
                    // Two groups with the same hyper-parameters: the runtime updates them as one run of the flat buffers.
                    Adam.ParamGroup[] Groups() => [new(first, lr: 0.02), new(second, lr: 0.02)];
                    return runtimeOptimizer ? new AdamOptimizer(Groups(), lr: 0.01) : new Adam(Groups(), lr: 0.01);
                }

                case "adam-unused-parameter":
                {
                    // A parameter that never gets a gradient: TorchSharp skips it, and so does the runtime (per parameter).
                    Parameter[] WithUnused() => [.. all, new Parameter(torch.ones(4))];
                    return runtimeOptimizer ? new AdamOptimizer(WithUnused(), lr: 0.01) : new Adam(WithUnused(), lr: 0.01);
                }

                case "adam-groups":
                {
                    Adam.ParamGroup[] Groups() => [new(first, lr: 0.02, weight_decay: 0.05), new(second, lr: 0.003)];
                    return runtimeOptimizer ? new AdamOptimizer(Groups(), lr: 0.01) : new Adam(Groups(), lr: 0.01);
                }

                case "adamw":
                    return runtimeOptimizer ? new AdamWOptimizer(all, lr: 0.01) : new AdamW(all, lr: 0.01);
                case "adamw-decay":
                    return runtimeOptimizer ? new AdamWOptimizer(all, lr: 0.01, weight_decay: 0.1) : new AdamW(all, lr: 0.01, weight_decay: 0.1);
                case "adamw-amsgrad-groups":
                {
                    AdamW.ParamGroup[] Groups() => [new(first, lr: 0.02, weight_decay: 0.2, amsgrad: true), new(second, lr: 0.003, weight_decay: 0.01, amsgrad: true)];
                    return runtimeOptimizer ? new AdamWOptimizer(Groups(), lr: 0.01) : new AdamW(Groups(), lr: 0.01);
                }

                case "adamw-large-parameter-decay-amsgrad":
                    return runtimeOptimizer ? new AdamWOptimizer(all, lr: 0.01, weight_decay: 0.1, amsgrad: true) : new AdamW(all, lr: 0.01, weight_decay: 0.1, amsgrad: true);
                case "sgd":
                    return runtimeOptimizer ? new SgdOptimizer(all, 0.05) : new SGD(all, 0.05);
                case "sgd-momentum":
                    return runtimeOptimizer ? new SgdOptimizer(all, 0.05, momentum: 0.9) : new SGD(all, 0.05, momentum: 0.9);
                case "sgd-momentum-decay-dampening":
                    return runtimeOptimizer ? new SgdOptimizer(all, 0.05, momentum: 0.9, dampening: 0.3, weight_decay: 0.01) : new SGD(all, 0.05, momentum: 0.9, dampening: 0.3, weight_decay: 0.01);
                case "sgd-nesterov-groups":
                {
                    SGD.ParamGroup[] Groups() => [new(first, lr: 0.05, momentum: 0.9, weight_decay: 0.01, nesterov: true), new(second, lr: 0.01, momentum: 0.5, nesterov: true)];
                    return runtimeOptimizer ? new SgdOptimizer(Groups(), 0.05) : new SGD(Groups(), 0.05);
                }

                default:
                    throw new ArgumentException(name);
            }
        }
    }
}
