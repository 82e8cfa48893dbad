using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.Tests
{
    [Collection(SerialCollection.Name)]
    public class WeightingTests
    {
        private static readonly RegressionTask Height = new("Height");
        private static readonly ClassificationTask Kind = new("Kind", classes: 3);

        /// <summary>A step of constant losses (no graph but the weighting's own).</summary>
        private static TaskStep ConstantStep(double[] losses, bool[]? present = null)
        {
            var tensors = losses.Select(l => torch.tensor((float)l)).ToArray();
            var outputs = losses.Select((_, i) => present is null || present[i] ? torch.zeros(1) : null).ToArray();
            var total = torch.tensor((float)losses.Sum());
            return new TaskStep(total, tensors, outputs, new TaskTarget?[losses.Length]);
        }

        [Fact]
        public void Uncertainty_log_variances_reach_the_closed_form_optimum()
        {
            // Regression form L e^-s / 2 + s / 2 is smallest at s = log L; classification form L e^-s + s / 2 at s = log 2L.
            using var weighting = new UncertaintyWeighting([Height, Kind]);
            using var optimizer = new AdamOptimizer(weighting.parameters(), lr: 0.05);
            var gradients = new TaskGradients([]);
            double[] losses = [3.0, 0.4];
            for (var i = 0; i < 3000; i++)
            {
                using var scope = torch.NewDisposeScope();
                optimizer.zero_grad();
                weighting.Backward(ConstantStep(losses), gradients);
                optimizer.step();
            }

            var s = TestTensors.Floats(weighting.LogVariances);
            Assert.Equal(Math.Log(3.0), s[0], 3);
            Assert.Equal(Math.Log(2 * 0.4), s[1], 3);
        }

        [Fact]
        public void Uncertainty_loss_and_weights_follow_the_formula()
        {
            using var weighting = new UncertaintyWeighting([Height, Kind]);
            using (torch.no_grad())
            {
                weighting.LogVariances.copy_(torch.tensor(new[] { 0.5f, -1.0f }));
            }

            using var scope = torch.NewDisposeScope();
            var step = ConstantStep([2.0, 0.7]);
            var weights = TestTensors.Floats(weighting.Backward(step, new TaskGradients([])));
            Assert.Equal(Math.Exp(-0.5) / 2, weights[0], 5);
            Assert.Equal(Math.Exp(1.0), weights[1], 5);
            // d/ds of L e^-s c + s/2 is 1/2 - c L e^-s.
            var grad = TestTensors.Floats(weighting.LogVariances.grad!);
            Assert.Equal(0.5 - 0.5 * 2.0 * Math.Exp(-0.5), grad[0], 5);
            Assert.Equal(0.5 - 0.7 * Math.Exp(1.0), grad[1], 5);
        }

        [Fact]
        public void Uncertainty_ignores_a_task_absent_from_the_step()
        {
            using var weighting = new UncertaintyWeighting([Height, Kind]);
            using var scope = torch.NewDisposeScope();
            weighting.Backward(ConstantStep([2.0, 0.7], present: [true, false]), new TaskGradients([]));
            var grad = TestTensors.Floats(weighting.LogVariances.grad!);
            Assert.Equal(0.5 - 0.5 * 2.0, grad[0], 5);
            Assert.Equal(0.0, grad[1]);
        }

        [Fact]
        public void Uncertainty_parameters_are_in_the_state_dict_and_in_their_own_optimizer_group()
        {
            torch.manual_seed(1);
            using var net = new TinyNet(weighting: tasks => new UncertaintyWeighting(tasks));
            Assert.Contains("lossWeighting.log_variances", net.state_dict().Keys);
            using var trainer = new TinyTrainer(net, new TrainingOptions<TinyMetrics> { LearningRate = 0.01, LossWeighting = new ComponentOptions { LearningRate = 0.1 } });
            Assert.Equal(MultiTaskTrainer<TinyNet, TinyBatch, TinyMetrics>.LossWeightingGroup, trainer.Components[^1].Name);
            var groups = trainer.Optimizer.ParamGroups.ToArray();
            Assert.Equal(4, groups.Length);
            Assert.Equal(0.1, groups[3].LearningRate);
            Assert.Same(((UncertaintyWeighting)net.Weighting).LogVariances, Assert.Single(((ParamGroup)groups[3]).Parameters));
        }

        [Fact]
        public void Uncertainty_training_moves_the_weights_and_records_them_in_the_history()
        {
            var data = new TinyData(128, seed: 4);
            torch.manual_seed(2);
            using var net = new TinyNet(weighting: tasks => new UncertaintyWeighting(tasks));
            using var trainer = new TinyTrainer(net, new TrainingOptions<TinyMetrics> { Epochs = 4, LearningRate = 0.01 });
            var history = trainer.Fit(data.Batches(16));
            // Both weights head for their optimum 1 / (2 L): the regression loss is far below 1/2, so its weight (1/2 at s = 0)
            // rises; the classification loss stays above 1/2, so its weight (1 at s = 0) falls.
            Assert.True(history[0].LossWeights["Value"] > 0.5);
            Assert.True(history[3].LossWeights["Value"] > history[0].LossWeights["Value"]);
            Assert.True(history[3].LossWeights["Class"] < history[0].LossWeights["Class"]);
            Assert.True(history.All(e => e.Train.Class.Loss > 0.5));
            var s = TestTensors.Floats(((UncertaintyWeighting)net.Weighting).LogVariances);
            Assert.True(s[0] > 0, $"s_Class = {s[0]}");
            Assert.True(s[1] < 0, $"s_Value = {s[1]}");
        }

        [Fact]
        public void Static_weighting_applies_the_declared_weights_and_back_propagates_the_total()
        {
            var tasks = new TaskDefinition[] { new RegressionTask("A", weight: 2), new BinaryTask("B", weight: 0.25) };
            using var weighting = new StaticWeighting(tasks);
            using var scope = torch.NewDisposeScope();
            var x = torch.tensor(3.0f, requires_grad: true);
            var a = x.square();
            var b = x.mul(4);
            var total = LossSum.Of(tasks[0].Weighted(a), tasks[1].Weighted(b));
            var weights = weighting.Backward(new TaskStep(total, [a, b], [a, b], [null, null]), new TaskGradients([]));
            Assert.Equal([2f, 0.25f], TestTensors.Floats(weights));
            Assert.Equal(2 * 2 * 3.0 + 0.25 * 4, x.grad!.ToDouble(), 5);
        }

        [Fact]
        public void Task_gradients_on_the_shared_parameters_equal_one_backward_per_task()
        {
            torch.manual_seed(3);
            using var net = new TinyNet();
            var data = new TinyData(16, seed: 5);
            var batch = data.Batches(16).First();
            var shared = net.Parts.SharedParameters();
            var helper = new TaskGradients(shared);
            Assert.Equal(shared.Sum(p => p.numel()), helper.SharedSize);

            var expected = new List<float[]>();
            for (var task = 0; task < 2; task++)
            {
                using var scope = torch.NewDisposeScope();
                net.zero_grad();
                ((IMultiTaskNetwork<TinyBatch>)net).Step(batch).Losses[task].backward();
                expected.Add(shared.SelectMany(p => TestTensors.Floats(p.grad!)).ToArray());
            }

            using (torch.NewDisposeScope())
            {
                var step = net.Step(batch);
                var matrix = helper.OnSharedParameters(step.Losses);
                Assert.Equal([2L, helper.SharedSize], matrix.shape);
                for (var task = 0; task < 2; task++)
                {
                    var row = TestTensors.Floats(matrix[task]);
                    Assert.Equal(expected[task].Length, row.Length);
                    for (var j = 0; j < row.Length; j++)
                    {
                        Assert.Equal(expected[task][j], row[j], 5);
                    }
                }

                // The graph is retained: a backward pass still works, and WriteShared replaces the shared gradients.
                step.Total.backward();
                helper.WriteShared(matrix[1]);
                var written = shared.SelectMany(p => TestTensors.Floats(p.grad!)).ToArray();
                Assert.Equal(expected[1], written);
            }
        }

        [Fact]
        public void An_absent_tasks_gradient_on_the_shared_parameters_is_a_row_of_zeros()
        {
            using var net = new TinyNet();
            var helper = new TaskGradients(net.Parts.SharedParameters());
            using var scope = torch.NewDisposeScope();
            var present = TinyNet.ValueTask.Loss(net.forward(torch.randn(4, 4)).Value, torch.randn(4));
            // The placeholder loss of a task without data in the step: requires a gradient, reaches no parameter.
            var absent = TinyNet.ClassTask.LossIfPresent(null, null, net);

            var matrix = helper.OnSharedParameters([absent, present]);

            Assert.All(TestTensors.Floats(matrix[0]), v => Assert.Equal(0f, v));
            Assert.Contains(TestTensors.Floats(matrix[1]), v => v != 0f);
        }

        [Fact]
        public void Task_gradients_on_the_representation_equal_the_gradient_at_a_leaf()
        {
            torch.manual_seed(4);
            using var net = new TinyNet();
            var batch = new TinyData(8, seed: 6).Batches(8).First();
            using var scope = torch.NewDisposeScope();
            var step = net.Step(batch);
            var gradients = new TaskGradients(net.Parts.SharedParameters()).OnRepresentation(step);

            // Independently: the heads on a detached copy of the representation as a leaf.
            var leaf = step.Representation![0]!.detach().requires_grad_(true);
            var classLoss = TinyNet.ClassTask.Loss(net.ClassHead.forward(leaf), batch.Class);
            var expected = torch.autograd.grad([classLoss], [leaf])[0].reshape(-1);
            Assert.Equal(TestTensors.Floats(expected), TestTensors.Floats(gradients[0]!));
            Assert.Equal(leaf.numel(), gradients[1]!.numel());
        }

        [Fact]
        public void Write_shared_rejects_a_vector_of_the_wrong_size()
        {
            using var net = new TinyNet();
            var helper = new TaskGradients(net.Parts.SharedParameters());
            var error = Assert.Throws<ArgumentException>(() => helper.WriteShared(torch.zeros(3)));
            Assert.Contains($"[{helper.SharedSize}]", error.Message);
        }

        [Fact]
        public void Gradient_helpers_name_what_a_model_without_shared_parts_lacks()
        {
            var helper = new TaskGradients([]);
            var error = Assert.Throws<InvalidOperationException>(() => helper.OnSharedParameters([torch.tensor(1f)]));
            Assert.Contains("no shared parameters", error.Message);
            var step = new TaskStep(torch.tensor(1f), [torch.tensor(1f)], [torch.zeros(1)], [null]);
            Assert.Contains("no shared representation", Assert.Throws<InvalidOperationException>(() => helper.OnRepresentation(step)).Message);
        }
    }
}
