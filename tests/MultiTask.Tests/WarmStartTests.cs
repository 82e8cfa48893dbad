using System;
using System.Linq;
using Xunit;

namespace MultiTask.Tests
{
    /// <summary>
    /// The small solvers started from the previous step's solution (as the weightings do in training) agree with a cold start:
    /// on a sequence of Gram matrices of gradients that drift a little each step, and on one unrelated to the previous.
    /// </summary>
    public sealed class WarmStartTests
    {
        [Theory]
        [InlineData("mgda")]
        [InlineData("cagrad")]
        [InlineData("upgrad")]
        [InlineData("nash-mtl")]
        public void A_checkpoint_keeps_the_last_solution_and_a_missing_one_means_a_cold_start(string method)
        {
            using var saved = new TrainingState();
            using var solution = TorchSharp.torch.tensor(new[] { 0.25, 0.75, 0.0 });
            saved.Set("warm_start", solution);
            using var restored = Weighting(method);
            restored.LoadState(saved);
            using var written = new TrainingState();
            restored.SaveState(written);
            Assert.Equal([0.25, 0.75, 0.0], written.Get("warm_start").data<double>().ToArray());

            using var empty = new TrainingState();
            restored.LoadState(empty);
            using var nothing = new TrainingState();
            restored.SaveState(nothing);
            Assert.True(nothing.IsEmpty);
        }

        [Fact]
        public void A_warm_start_entry_that_is_not_a_float64_vector_is_refused()
        {
            using var state = new TrainingState();
            using var wrong = TorchSharp.torch.ones(2, 2);
            state.Set("warm_start", wrong);
            using var weighting = Weighting("cagrad");

            var error = Assert.Throws<ArgumentException>(() => weighting.LoadState(state));
            Assert.Contains("float64 vector", error.Message);
        }

        private static LossWeighting Weighting(string method) => method switch
        {
            "mgda" => new Mgda(GradientCases.ThreeTasks),
            "cagrad" => new CAGrad(GradientCases.ThreeTasks),
            "upgrad" => new UPGrad(GradientCases.ThreeTasks),
            _ => new NashMtl(GradientCases.ThreeTasks),
        };

        [Fact]
        public void Frank_Wolfe_from_the_last_solution_finds_the_cold_starts_min_norm_point()
        {
            double[]? last = null;
            foreach (var gram in DriftingGrams(tasks: 3))
            {
                var cold = Mgda.FrankWolfe(gram);
                var warm = Mgda.FrankWolfe(gram, last);
                // Frank-Wolfe stops on a small move, not at the exact point: compare the squared norms it reaches, and the weights loosely.
                Assert.Equal(Quadratic(gram, cold), Quadratic(gram, warm), 3);
                AssertClose(cold, warm, 0.02);
                Assert.Equal(1, warm.Sum(), 9);
                last = warm;
            }
        }

        [Fact]
        public void CAGrads_dual_from_the_last_solution_equals_the_cold_start()
        {
            double[]? last = null;
            foreach (var gram in DriftingGrams(tasks: 3))
            {
                var cold = CAGrad.StepWeights(gram, 0.4);
                var warm = CAGrad.StepWeights(gram, 0.4, last, out var dual);
                AssertClose(cold, warm, 1e-4);
                last = dual;
            }
        }

        [Fact]
        public void UPGrads_projections_from_the_last_ones_equal_the_cold_start()
        {
            double[][]? last = null;
            foreach (var gram in DriftingGrams(tasks: 3))
            {
                var cold = UPGrad.AggregationWeights(gram);
                var warm = UPGrad.AggregationWeights(gram, last, out var projections);
                AssertClose(cold, warm, 1e-8);
                last = projections;
            }
        }

        [Fact]
        public void Nash_MTLs_Newton_from_the_last_weights_equals_the_cold_start()
        {
            double[]? last = null;
            foreach (var gram in DriftingGrams(tasks: 3))
            {
                var cold = NashMtl.BargainingWeights(gram);
                var warm = NashMtl.BargainingWeights(gram, last);
                AssertClose(cold, warm, 1e-7);
                last = warm;
            }
        }

        [Fact]
        public void A_weighting_that_keeps_its_last_solution_weighs_a_step_as_a_fresh_one_does()
        {
            var g = new[] { new[] { 1.0, 0.2, -0.5 }, new[] { -0.8, 1.0, 0.3 }, new[] { 0.1, -0.9, 1.0 } };
            var h = new[] { new[] { 0.2, 1.0, 0.5 }, new[] { 1.0, -0.4, 0.3 }, new[] { -0.6, 0.1, 0.9 } };
            foreach (var create in new Func<LossWeighting>[] { () => new Mgda(GradientCases.ThreeTasks), () => new CAGrad(GradientCases.ThreeTasks), () => new UPGrad(GradientCases.ThreeTasks), () => new NashMtl(GradientCases.ThreeTasks) })
            {
                using var warmed = create();
                using var fresh = create();
                Weigh(warmed, g);
                AssertClose(Weigh(fresh, h), Weigh(warmed, h), 0.02);
            }
        }

        private static double[] Weigh(LossWeighting weighting, double[][] g)
        {
            using var scope = TorchSharp.torch.NewDisposeScope();
            var (step, theta, _) = GradientCases.LinearStep(g, [true, true, true]);
            return [.. TestTensors.Floats(weighting.Backward(step, new TaskGradients([theta]))).Select(w => (double)w)];
        }

        /// <summary>Gram matrices of three conflicting gradients in R^4 that move by about 1% a step, then one unrelated set.</summary>
        private static double[][,] DriftingGrams(int tasks)
        {
            var random = new Random(7);
            double[][] Draw() => [.. Enumerable.Range(0, tasks).Select(_ => Enumerable.Range(0, 4).Select(_ => (random.NextDouble() * 2) - 1).ToArray())];
            var rows = Draw();
            var drift = Draw();
            var grams = Enumerable.Range(0, 12).Select(t => GradientCases.Gram([.. rows.Select((row, i) => row.Select((v, j) => v + (0.01 * t * drift[i][j])).ToArray())])).ToList();
            grams.Add(GradientCases.Gram(Draw()));
            return [.. grams];
        }

        private static double Quadratic(double[,] gram, double[] w)
            => Enumerable.Range(0, w.Length).Sum(i => Enumerable.Range(0, w.Length).Sum(j => w[i] * gram[i, j] * w[j]));

        private static void AssertClose(double[] expected, double[] actual, double tolerance)
        {
            Assert.Equal(expected.Length, actual.Length);
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])), $"weight {i}: expected {expected[i]}, got {actual[i]} (tolerance {tolerance})");
            }
        }
    }
}
