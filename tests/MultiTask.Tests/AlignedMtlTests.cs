using System;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static MultiTask.Tests.GradientCases;
using static TorchSharp.torch;

namespace MultiTask.Tests
{
    /// <summary>Aligned-MTL (Senushkin et al. 2023) against its defining property: the aligned task components are orthogonal with equal norms.</summary>
    [Collection(SerialCollection.Name)]
    public class AlignedMtlTests
    {
        private static double[][] Rows(double[] flat) => Enumerable.Range(0, flat.Length / 3).Select(i => flat[(3 * i)..(3 * i + 3)]).ToArray();

        [Theory]
        [InlineData(new[] { 1.0, 0.0, 0.0, -0.5, 1.0, 0.0 })]
        [InlineData(new[] { 3.0, 1.0, 0.0, -1.0, 2.0, 0.5 })]
        [InlineData(new[] { 10.0, 0.0, 0.0, 1.0, 0.1, 0.0 })]
        [InlineData(new[] { 1.0, 0.2, 0.0, 0.1, 1.0, 0.3, -0.6, 1.0, 2.0 })]
        [InlineData(new[] { 2.0, 1.0, -1.0, -1.0, 2.0, 0.0, 0.5, -2.0, 4.0 })]
        public void The_aligned_components_of_independent_gradients_are_orthogonal_with_equal_norms(double[] flat)
        {
            var g = Rows(flat);

            var balance = AlignedMtl.Balance(Gram(g));

            // The aligned components, the rows of B G, computed here from B.
            var aligned = g.Select((_, i) => Enumerable.Range(0, 3).Select(col => g.Select((row, j) => balance[i, j] * row[col]).Sum()).ToArray()).ToArray();
            var norm = Math.Sqrt(Dot(aligned[0], aligned[0]));
            Assert.True(norm > 1e-3, $"the aligned norm {norm} vanishes");
            for (var i = 0; i < g.Length; i++)
            {
                Assert.Equal(norm, Math.Sqrt(Dot(aligned[i], aligned[i])), 8);
                for (var j = 0; j < i; j++)
                {
                    Assert.Equal(0.0, Dot(aligned[i], aligned[j]), 8);
                }
            }
        }

        [Theory]
        [InlineData(new[] { 1.0, 0.0, 0.0, -0.5, 1.0, 0.0 })]
        [InlineData(new[] { 3.0, 1.0, 0.0, -1.0, 2.0, 0.5 })]
        [InlineData(new[] { 10.0, 0.0, 0.0, 1.0, 0.1, 0.0 })]
        public void Two_tasks_have_aligned_norms_the_square_root_of_the_smallest_eigenvalue(double[] flat)
        {
            var g = Rows(flat);
            double a = Dot(g[0], g[0]), b = Dot(g[0], g[1]), c = Dot(g[1], g[1]);
            // The smallest eigenvalue of [[a, b], [b, c]], in closed form.
            var smallest = (a + c) / 2 - Math.Sqrt((a - c) * (a - c) / 4 + b * b);

            var balance = AlignedMtl.Balance(Gram(g));

            var first = Enumerable.Range(0, 3).Select(col => balance[0, 0] * g[0][col] + balance[0, 1] * g[1][col]).ToArray();
            Assert.Equal(Math.Sqrt(smallest), Math.Sqrt(Dot(first, first)), 8);
        }

        [Theory]
        [InlineData(new[] { 1.0, 0.2, 0.0, 0.1, 1.0, 0.3, -0.6, 1.0, 2.0 })]
        [InlineData(new[] { 3.0, 1.0, 0.0, -1.0, 2.0, 0.5 })]
        public void The_shared_step_is_the_sum_of_the_aligned_components(double[] flat)
        {
            var g = Rows(flat);
            var balance = AlignedMtl.Balance(Gram(g));
            var expected = Enumerable.Range(0, 3).Select(col => g.Select((_, i) => g.Select((row, j) => balance[i, j] * row[col]).Sum()).Sum()).ToArray();
            using var weighting = new AlignedMtl(ThreeTasks.Take(g.Length).ToArray());
            using var scope = torch.NewDisposeScope();
            var (step, theta, heads) = LinearStep(g, g.Select(_ => true).ToArray());

            var weights = TestTensors.Floats(weighting.Backward(step, new TaskGradients([theta])));

            Assert.All(Enumerable.Range(0, 3), col => Assert.Equal(expected[col], theta.grad![col].ToDouble(), 4));
            // The reported weights reproduce it; every head gets its own gradient, 2 h.
            var combined = Enumerable.Range(0, 3).Select(col => g.Select((row, i) => weights[i] * row[col]).Sum()).ToArray();
            Assert.All(Enumerable.Range(0, 3), col => Assert.Equal(combined[col], theta.grad![col].ToDouble(), 4));
            Assert.All(heads, h => Assert.Equal(3.0, h.grad!.ToDouble(), 5));
        }

        [Fact]
        public void Orthogonal_gradients_of_different_norms_are_scaled_to_the_smallest()
        {
            // g_1 = (3, 0, 0), g_2 = (0, 1, 0): B = diag(1/3, 1), the step (1, 1, 0).
            double[,] gram = { { 9, 0 }, { 0, 1 } };

            var weights = AlignedMtl.AlignedWeights(gram);

            Assert.Equal(1.0 / 3, weights[0], 10);
            Assert.Equal(1.0, weights[1], 10);
        }

        [Fact]
        public void A_rank_deficient_matrix_drops_its_zero_eigenvalue()
        {
            // g_2 = 2 g_1: one eigenvalue 5 ||g_1||^2 with V = (1, 2) / sqrt 5, so B = V V^T = [[1, 2], [2, 4]] / 5.
            double[,] gram = { { 2, 4 }, { 4, 8 } };

            var balance = AlignedMtl.Balance(gram);

            Assert.Equal(0.2, balance[0, 0], 8);
            Assert.Equal(0.4, balance[0, 1], 8);
            Assert.Equal(0.4, balance[1, 0], 8);
            Assert.Equal(0.8, balance[1, 1], 8);
            Assert.Equal([0.6, 1.2], AlignedMtl.AlignedWeights(gram).Select(w => Math.Round(w, 8)));
        }

        [Fact]
        public void A_task_alone_steps_on_its_own_gradient()
        {
            double[][] g = [[1, 0, 0], [-1, 2, 1], [3, 3, 0]];
            using var weighting = new AlignedMtl(ThreeTasks);
            using var scope = torch.NewDisposeScope();
            var (step, theta, _) = LinearStep(g, [false, true, false]);

            var weights = TestTensors.Floats(weighting.Backward(step, new TaskGradients([theta])));

            Assert.Equal(0f, weights[0]);
            Assert.Equal(1.0, weights[1], 5);
            Assert.Equal(0f, weights[2]);
            Assert.Equal(-1.0, theta.grad![0].ToDouble(), 5);
            Assert.Equal(2.0, theta.grad![1].ToDouble(), 5);
            Assert.Equal(1.0, theta.grad![2].ToDouble(), 5);
        }

        [Theory]
        [InlineData(2, 3, 1)]
        [InlineData(4, 6, 2)]
        [InlineData(5, 3, 3)]
        [InlineData(3, 1, 4)]
        public void The_balance_matches_one_computed_with_torch_eigh(int tasks, int dimension, int seed)
        {
            // Random gradients; with fewer dimensions than tasks the Gram matrix is singular and the rank tolerance drops directions.
            var random = new Random(seed);
            var g = Enumerable.Range(0, tasks).Select(_ => Enumerable.Range(0, dimension).Select(_ => random.NextDouble() - 0.5).ToArray()).ToArray();
            var gram = Gram(g);

            var balance = AlignedMtl.Balance(gram);

            var flat = Enumerable.Range(0, tasks * tasks).Select(k => gram[k / tasks, k % tasks]).ToArray();
            using var scope = torch.NewDisposeScope();
            var (values, vectors) = torch.linalg.eigh(torch.tensor(flat, dtype: ScalarType.Float64).reshape(tasks, tasks));
            var lambdas = values.data<double>().ToArray();
            var v = vectors.contiguous().data<double>().ToArray();
            var kept = Enumerable.Range(0, tasks).Where(k => lambdas[k] > AlignedMtl.RankTolerance * tasks * lambdas.Max()).ToArray();
            var scale = Math.Sqrt(kept.Min(k => lambdas[k]));
            for (var i = 0; i < tasks; i++)
            {
                for (var j = 0; j < tasks; j++)
                {
                    var expected = scale * kept.Sum(k => v[i * tasks + k] * v[j * tasks + k] / Math.Sqrt(lambdas[k]));
                    Assert.Equal(expected, balance[i, j], 9);
                }
            }
        }

        [Fact]
        public void Zero_gradients_step_on_nothing()
        {
            Assert.Equal([0.0, 0.0], AlignedMtl.AlignedWeights(new double[2, 2]));
        }

        [Fact]
        public void Training_a_network_lowers_both_task_losses()
        {
            torch.manual_seed(2);
            using var net = new TinyNet(weighting: tasks => new AlignedMtl(tasks));
            using var trainer = new TinyTrainer(net, new TrainingOptions<TinyMetrics> { Epochs = 4, LearningRate = 0.01 });

            var history = trainer.Fit(new TinyData(128, seed: 4).Batches(16));

            Assert.True(history[^1].Train.Class.Loss < history[0].Train.Class.Loss, $"class {history[0].Train.Class.Loss} -> {history[^1].Train.Class.Loss}");
            Assert.True(history[^1].Train.Value.Loss < history[0].Train.Value.Loss, $"value {history[0].Train.Value.Loss} -> {history[^1].Train.Value.Loss}");
        }
    }
}
