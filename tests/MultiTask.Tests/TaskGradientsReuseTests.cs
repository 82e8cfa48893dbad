using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using Xunit;

namespace MultiTask.Tests
{
    [Collection(SerialCollection.Name)]
    public sealed class TaskGradientsReuseTests
    {
        [Fact]
        public void The_task_gradient_matrix_is_one_buffer_written_in_place_every_step()
        {
            torch.manual_seed(3);
            using var net = new TinyNet();
            var batch = new TinyData(16, seed: 5).Batches(16).First();
            var shared = net.Parts.SharedParameters();
            var reused = new TaskGradients(shared);
            torch.Tensor? first = null;
            var steps = new List<float[]>();
            for (var step = 0; step < 3; step++)
            {
                using var scope = torch.NewDisposeScope();
                var losses = net.Step(batch).Losses;
                var matrix = reused.OnSharedParameters(losses);
                // A view of the first step's result, kept past its scope: it must show every later step's gradients.
                first ??= matrix.alias().DetachFromDisposeScope();
                // A fresh helper allocates its own matrix: the reused one must hold this step's gradients, not an earlier step's.
                var fresh = new TaskGradients(shared).OnSharedParameters(losses);
                Assert.Equal(TestTensors.Floats(fresh), TestTensors.Floats(matrix));
                Assert.Equal(TestTensors.Floats(matrix), TestTensors.Floats(first));
                steps.Add(TestTensors.Floats(matrix));
                using (torch.no_grad())
                {
                    foreach (var parameter in shared)
                    {
                        parameter.add_(0.1);
                    }
                }
            }

            Assert.NotEqual(steps[0], steps[2]);
            first!.Dispose();
        }

        [Fact]
        public void A_gradient_methods_steps_keep_the_live_tensor_count_and_the_combined_buffer_fixed()
        {
            torch.manual_seed(4);
            using var net = new TinyNet(weighting: tasks => new Mgda(tasks));
            var batch = new TinyData(16, seed: 6).Batches(16).First();
            var shared = net.Parts.SharedParameters();
            var handles = shared.Select(p => p.Handle).ToHashSet();
            var gradients = new TaskGradients(shared, [.. net.parameters().Where(p => !handles.Contains(p.Handle))]);
            var live = new List<long>();
            torch.Tensor? firstCombined = null;
            for (var step = 0; step < 5; step++)
            {
                using (var scope = torch.NewDisposeScope())
                {
                    net.zero_grad();
                    var taskStep = net.Step(batch);
                    net.Weighting.Backward(taskStep, gradients);
                    using var weights = torch.tensor(new[] { 0.25f, 0.75f * step });
                    var combined = gradients.Combine(weights);
                    firstCombined ??= combined.alias().DetachFromDisposeScope();
                    Assert.Equal(TestTensors.Floats(combined), TestTensors.Floats(firstCombined));
                }

                live.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount);
            }

            firstCombined!.Dispose();
            Assert.All(live.Skip(1), count => Assert.Equal(live[1], count));
        }

        [Fact]
        public void Combine_is_the_weighted_sum_of_the_rows_and_WriteShared_takes_it_as_it_is()
        {
            using var scope = torch.NewDisposeScope();
            var g = new[] { new[] { 1.0, 0, 2 }, new[] { -1.0, 4, 0.5 } };
            var (step, theta, _) = GradientCases.LinearStep(g, [true, true]);
            var gradients = new TaskGradients([theta]);
            gradients.OnSharedParameters(step.Losses);
            var combined = gradients.Combine(torch.tensor(new[] { 0.5f, 2f }));
            var expected = Enumerable.Range(0, 3).Select(j => (float)((0.5 * g[0][j]) + (2 * g[1][j]))).ToArray();
            Assert.Equal(expected, TestTensors.Floats(combined));
            gradients.WriteShared(combined);
            Assert.Equal(expected, TestTensors.Floats(theta.grad!));
        }

        [Fact]
        public void The_backward_pass_of_the_others_gives_the_heads_their_full_backward_gradients_and_leaves_the_shared_ones()
        {
            torch.manual_seed(5);
            using var net = new TinyNet();
            var batch = new TinyData(16, seed: 7).Batches(16).First();
            var shared = net.Parts.SharedParameters();
            var handles = shared.Select(p => p.Handle).ToHashSet();
            var others = net.parameters().Where(p => !handles.Contains(p.Handle)).ToArray();
            using var scope = torch.NewDisposeScope();
            net.zero_grad();
            net.Step(batch).Total.backward();
            var full = others.Select(p => TestTensors.Floats(p.grad!)).ToArray();

            net.zero_grad();
            new TaskGradients(shared, others).BackwardOthers(net.Step(batch).Total);
            Assert.Equal(full.Length, others.Length);
            for (var i = 0; i < others.Length; i++)
            {
                Assert.Equal(full[i], TestTensors.Floats(others[i].grad!));
            }

            // Module.zero_grad leaves no gradient at all; the trainer's optimizers zero them in place. Either way, untouched.
            Assert.All(shared, p => Assert.True(p.grad is null || TestTensors.Floats(p.grad).All(v => v == 0)));
        }

        public static TheoryData<string> FoldingMethods => ["dbmtl", "gradnorm", "pcgrad", "imtl", "mgda", "mgda-ub"];

        [Theory]
        [MemberData(nameof(FoldingMethods))]
        public void Heads_stepped_in_the_task_passes_get_what_a_backward_pass_of_their_total_gives(string method)
        {
            torch.manual_seed(8);
            using var net = new TinyNet();
            var batch = new TinyData(16, seed: 9).Batches(16).First();
            var parameters = net.parameters().ToArray();
            var shared = net.Parts.SharedParameters();
            var handles = shared.Select(p => p.Handle).ToHashSet();
            var others = parameters.Where(p => !handles.Contains(p.Handle)).ToArray();
            float[][] GradientsWith(TaskGradients gradients, bool zeroedInPlace)
            {
                using var scope = torch.NewDisposeScope();
                using LossWeighting weighting = method switch
                {
                    "dbmtl" => new DbMtl(net.Tasks),
                    "gradnorm" => new GradNorm(net.Tasks),
                    "pcgrad" => new PCGrad(net.Tasks),
                    "imtl" => new Imtl(net.Tasks),
                    "mgda-ub" => new Mgda(net.Tasks) { UpperBound = true },
                    _ => new Mgda(net.Tasks),
                };
                foreach (var parameter in parameters)
                {
                    if (zeroedInPlace)
                    {
                        using var grad = parameter.grad;
                        grad?.zero_();
                    }
                    else
                    {
                        parameter.grad = null;
                    }
                }

                weighting.Backward(net.Step(batch), gradients);
                return [.. parameters.Select(p => TestTensors.Floats(p.grad!))];
            }

            // Without the other parameters, the heads get their gradient from one backward pass of the method's heads' total.
            var separate = GradientsWith(new TaskGradients(shared), zeroedInPlace: false);
            foreach (var zeroedInPlace in new[] { false, true })
            {
                var folded = GradientsWith(new TaskGradients(shared, others), zeroedInPlace);
                for (var i = 0; i < parameters.Length; i++)
                {
                    Assert.Equal(separate[i].Length, folded[i].Length);
                    for (var j = 0; j < separate[i].Length; j++)
                    {
                        Assert.True(Math.Abs(separate[i][j] - folded[i][j]) <= 1e-5 + (1e-4 * Math.Abs(separate[i][j])), $"{method}, parameter {i}, element {j}: {separate[i][j]} against {folded[i][j]}");
                    }
                }
            }
        }

        [Fact]
        public void Scaled_rows_are_the_gradients_of_the_scaled_losses_and_the_shared_gradients_are_left_as_they_were()
        {
            using var scope = torch.NewDisposeScope();
            var g = new[] { new[] { 1.0, 0, 2 }, new[] { -1.0, 4, 0.5 } };
            var (step, theta, _) = GradientCases.LinearStep(g, [true, true]);
            theta.grad = torch.tensor(new[] { 7f, 8f, 9f });
            var gradients = new TaskGradients([theta], []);
            var rows = gradients.OnSharedParametersAndOthers(step.Losses, [torch.tensor(3f), null]);
            Assert.Equal(g[0].Select(v => (float)(3 * v)).ToArray(), TestTensors.Floats(rows[0]));
            Assert.Equal(g[1].Select(v => (float)v).ToArray(), TestTensors.Floats(rows[1]));
            Assert.Equal(new[] { 7f, 8f, 9f }, TestTensors.Floats(theta.grad!));
        }
    }
}
