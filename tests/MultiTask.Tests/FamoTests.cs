using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.Tests
{
    /// <summary>FAMO (Liu et al. 2023) against the paper's update written out with doubles, and the trainer's post-step losses.</summary>
    [Collection(SerialCollection.Name)]
    public class FamoTests
    {
        private const double Eps = 1e-8;

        /// <summary>One parameter p_i per task and <c>L_i = p_i^2 + offset_i</c>; an absent task's loss is a zero placeholder.</summary>
        private static (TaskStep Step, Parameter P) Step(double[] p, double[] offsets, bool[] present)
        {
            var parameter = new Parameter(torch.tensor(p.Select(v => (float)v).ToArray()));
            var losses = p.Select((_, i) => present[i] ? parameter[i].square().add(offsets[i]) : torch.zeros(Array.Empty<long>())).ToArray();
            var outputs = present.Select(x => x ? torch.zeros(1) : null).ToArray();
            return (new TaskStep(LossSum.Of(losses), losses, outputs, new TaskTarget?[p.Length]), parameter);
        }

        private static Tensor[] Losses(params double[] values) => values.Select(v => torch.tensor((float)v)).ToArray();

        /// <summary>FAMO's logits and their Adam state, in doubles, as the paper and PyTorch's Adam define them.</summary>
        private sealed class Reference(int tasks, double learningRate, double weightDecay)
        {
            private readonly double[] m = new double[tasks];
            private readonly double[] v = new double[tasks];
            private int t;

            public double[] Xi { get; } = new double[tasks];

            public double[] Z(bool[] present)
            {
                var exps = Xi.Select((x, i) => present[i] ? Math.Exp(x) : 0).ToArray();
                return exps.Select(e => e / exps.Sum()).ToArray();
            }

            /// <summary>The weights <c>z_i / (c (L_i + eps))</c> on the losses, <c>c = sum_i z_i / (L_i + eps)</c>.</summary>
            public double[] Weights(double[] losses, bool[] present)
            {
                var z = Z(present);
                var c = z.Select((zi, i) => zi / (losses[i] + Eps)).Sum();
                return z.Select((zi, i) => zi / (c * (losses[i] + Eps))).ToArray();
            }

            /// <summary>delta = log(L + eps) - log(L' + eps); the gradient (dz/dxi)^T delta; one Adam step with L2 weight decay.</summary>
            public void Update(double[] before, double[] after, bool[] present)
            {
                var z = Z(present);
                var delta = before.Select((b, i) => present[i] ? Math.Log(b + Eps) - Math.Log(after[i] + Eps) : 0).ToArray();
                var gradient = new double[tasks];
                for (var j = 0; j < tasks; j++)
                {
                    // d z_i / d xi_j = z_i (1[i = j] - z_j)
                    gradient[j] = Enumerable.Range(0, tasks).Sum(i => delta[i] * z[i] * ((i == j ? 1 : 0) - z[j]));
                }

                t++;
                for (var j = 0; j < tasks; j++)
                {
                    var g = gradient[j] + (weightDecay * Xi[j]);
                    m[j] = (0.9 * m[j]) + (0.1 * g);
                    v[j] = (0.999 * v[j]) + (0.001 * g * g);
                    var mHat = m[j] / (1 - Math.Pow(0.9, t));
                    var vHat = v[j] / (1 - Math.Pow(0.999, t));
                    Xi[j] -= learningRate * mHat / (Math.Sqrt(vHat) + 1e-8);
                }
            }
        }

        [Fact]
        public void Two_steps_follow_the_paper_s_weights_and_logit_update()
        {
            bool[] all = [true, true, true];
            using var famo = new Famo(GradientCases.ThreeTasks) { LearningRate = 0.1, WeightDecay = 0.5 };
            var reference = new Reference(3, 0.1, 0.5);
            (double[] P, double[] Offsets, double[] After)[] steps =
            [
                ([1, 0.5, -1], [1, 0.25, 0], [1.5, 0.45, 1.2]),
                ([0.8, 0.4, -1.1], [0.76, 0.24, 0.09], [1.0, 0.41, 1.1]),
            ];
            foreach (var (p, offsets, after) in steps)
            {
                using var scope = torch.NewDisposeScope();
                var losses = p.Select((x, i) => (x * x) + offsets[i]).ToArray();
                var expectedWeights = reference.Weights(losses, all);
                var (step, parameter) = Step(p, offsets, all);

                var weights = famo.Backward(step, new TaskGradients([]));
                famo.AfterStep(step, () => Losses(after));
                reference.Update(losses, after, all);

                Tolerance.AssertClose(expectedWeights, TestTensors.Floats(weights));
                // The model's gradient is that of sum_i z_i log(L_i + eps) / c: z_i / (c (L_i + eps)) dL_i.
                Tolerance.AssertClose(expectedWeights.Select((w, i) => w * 2 * p[i]).ToArray(), TestTensors.Floats(parameter.grad!));
                var logits = TestTensors.Floats(famo.Logits);
                Tolerance.AssertClose(reference.Xi, logits);
                if (p == steps[0].P)
                {
                    // After the first step, the task whose log loss fell least (the third rose) has the largest logit.
                    Assert.Equal(2, Array.IndexOf(logits, logits.Max()));
                }
            }
        }

        [Fact]
        public void An_absent_task_gets_weight_zero_and_its_logit_only_decays()
        {
            bool[] present = [true, false, true];
            using var famo = new Famo(GradientCases.ThreeTasks) { WeightDecay = 0.1 };
            var reference = new Reference(3, 0.025, 0.1);
            foreach (var after in new[] { new[] { 1.0, 7, 0.5 }, [0.9, 7, 0.45] })
            {
                using var scope = torch.NewDisposeScope();
                var (step, _) = Step([1, 1, 1], [0.5, 0, 0], present);
                var expectedWeights = reference.Weights([1.5, 0, 1], present);

                var weights = famo.Backward(step, new TaskGradients([]));
                famo.AfterStep(step, () => Losses(after));
                reference.Update([1.5, 0, 1], after, present);

                Tolerance.AssertClose(expectedWeights, TestTensors.Floats(weights));
                Assert.Equal(0f, TestTensors.Floats(weights)[1]);
                Tolerance.AssertClose(reference.Xi, TestTensors.Floats(famo.Logits));
            }

            Assert.Equal(0f, TestTensors.Floats(famo.Logits)[1]);
        }

        [Fact]
        public void The_host_path_and_the_tensor_path_give_the_same_weights_and_state()
        {
            // Float32 logits on the CPU take the host path; moved to float64 they take the tensor path.
            using var onHost = new Famo(GradientCases.ThreeTasks) { LearningRate = 0.1, WeightDecay = 0.2 };
            using var withTensors = new Famo(GradientCases.ThreeTasks) { LearningRate = 0.1, WeightDecay = 0.2 };
            withTensors.to(ScalarType.Float64);
            Assert.Equal(ScalarType.Float64, withTensors.Logits.dtype);
            (double[] P, bool[] Present, double[] After)[] steps =
            [
                ([1, 0.5, -1], [true, true, true], [1.5, 0.45, 1.2]),
                ([0.8, 0.4, -1.1], [true, false, true], [1.2, 9, 1.3]),
                ([0.7, 0.3, -0.9], [true, true, true], [0.9, 0.3, 0.6]),
            ];
            foreach (var (p, present, after) in steps)
            {
                using var scope = torch.NewDisposeScope();
                var hostWeights = TestTensors.Floats(onHost.Backward(Step(p, [0.1, 0.2, 0.3], present).Step, new TaskGradients([])));
                onHost.AfterStep(Step(p, [0.1, 0.2, 0.3], present).Step, () => Losses(after));
                var tensorWeights = TestTensors.Floats(withTensors.Backward(Step(p, [0.1, 0.2, 0.3], present).Step, new TaskGradients([])));
                withTensors.AfterStep(Step(p, [0.1, 0.2, 0.3], present).Step, () => Losses(after));

                Tolerance.AssertClose(tensorWeights.Select(w => (double)w).ToArray(), hostWeights);
                Assert.NotEqual(0f, TestTensors.Floats(onHost.Logits)[0]);
                foreach (var ((name, expected), (_, actual)) in withTensors.named_buffers().Zip(onHost.named_buffers()))
                {
                    Assert.Equal(ScalarType.Float32, actual.dtype);
                    Tolerance.AssertClose(TestTensors.Floats(expected).Select(v => (double)v).ToArray(), TestTensors.Floats(actual), 1e-6);
                }
            }
        }

        [Fact]
        public void Without_a_backward_pass_after_step_changes_nothing()
        {
            using var famo = new Famo(GradientCases.ThreeTasks);
            using var scope = torch.NewDisposeScope();
            var (step, _) = Step([1, 1, 1], [0, 0, 0], [true, true, true]);

            famo.AfterStep(step, () => throw new InvalidOperationException("no pending step"));

            Assert.Equal([0f, 0f, 0f], TestTensors.Floats(famo.Logits));
        }

        [Fact]
        public void The_trainer_gives_the_losses_of_the_same_batch_after_the_optimizer_step()
        {
            torch.manual_seed(5);
            var recorded = new List<(float[] Before, float[] After)>();
            using var net = new TinyNet(weighting: tasks => new PostStepRecorder(tasks, recorded));
            var data = new TinyData(48, seed: 6);
            var batches = data.Batches(16).ToList();
            var recomputed = new List<float[]>();
            var options = new TrainingOptions<TinyMetrics>
            {
                Epochs = 1,
                LearningRate = 0.05,
                Callbacks = [Callback.AtStepEnd<TinyMetrics>(end =>
                {
                    // At the step's end the weights are the stepped ones: the same batch's losses, computed here by hand.
                    using var noGrad = torch.no_grad();
                    recomputed.Add(net.Step(batches[end.Batch - 1]).Losses.Select(l => (float)l.ToDouble()).ToArray());
                })],
            };
            using var trainer = new TinyTrainer(net, options);

            trainer.Fit(batches);

            Assert.Equal(3, recorded.Count);
            for (var i = 0; i < recorded.Count; i++)
            {
                Assert.Equal(recomputed[i], recorded[i].After);
                Assert.NotEqual(recorded[i].Before, recorded[i].After);
            }
        }

        [Fact]
        public void Training_a_network_moves_the_logits_and_lowers_the_loss()
        {
            torch.manual_seed(3);
            using var net = new TinyNet(weighting: tasks => new Famo(tasks));
            using var trainer = new TinyTrainer(net, new TrainingOptions<TinyMetrics> { Epochs = 3, LearningRate = 0.01 });

            var history = trainer.Fit(new TinyData(128, seed: 4).Batches(16));

            var logits = TestTensors.Floats(((Famo)net.Weighting).Logits);
            Assert.All(logits, x => Assert.True(float.IsFinite(x) && x != 0, $"logit {x}"));
            Assert.DoesNotContain(trainer.Components, c => c.Name == MultiTaskTrainer<TinyNet, TinyBatch, TinyMetrics>.LossWeightingGroup);
            Assert.True(history[^1].Train.Loss < history[0].Train.Loss, $"{history[0].Train.Loss} -> {history[^1].Train.Loss}");
        }

        [Theory]
        [InlineData(0.0, 0.001)]
        [InlineData(double.PositiveInfinity, 0.001)]
        [InlineData(0.025, -0.001)]
        [InlineData(0.025, double.NaN)]
        public void Settings_out_of_range_are_rejected(double learningRate, double weightDecay)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new Famo(GradientCases.ThreeTasks) { LearningRate = learningRate, WeightDecay = weightDecay });
        }

        /// <summary>Static weighting that records each step's losses and the post-step losses the trainer hands it.</summary>
        private sealed class PostStepRecorder(IReadOnlyList<TaskDefinition> tasks, List<(float[] Before, float[] After)> recorded) : LossWeighting(nameof(PostStepRecorder), tasks)
        {
            public override Tensor Backward(TaskStep step, TaskGradients gradients)
            {
                var weights = torch.ones(step.Losses.Count);
                WeightedTotal(step, weights).backward();
                return weights;
            }

            public override void AfterStep(TaskStep step, Func<IReadOnlyList<Tensor>> lossesAfterStep)
            {
                var after = lossesAfterStep();
                Assert.All(after, l => Assert.False(l.requires_grad));
                recorded.Add((step.Losses.Select(l => (float)l.ToDouble()).ToArray(), after.Select(l => (float)l.ToDouble()).ToArray()));
            }
        }
    }
}
