using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.Tests
{
    public class TaskSelectionTests
    {
        internal sealed record LinearBatch(Tensor X, TaskTarget A, TaskTarget B);

        internal sealed record LinearMetrics(double Loss, RegressionMetrics A, RegressionMetrics B);

        /// <summary>h = x W^T (shared, no bias); task k: y_k = h a_k (no bias); MSE. Small enough to differentiate by hand.</summary>
        internal sealed class LinearPair : nn.Module, IMultiTaskNetwork<LinearBatch>
        {
            public static readonly RegressionTask ATask = new("A");
            public static readonly RegressionTask BTask = new("B");

            private readonly Linear shared;
            private readonly Linear a;
            private readonly Linear b;
            private readonly StaticWeighting lossWeighting;

            public LinearPair()
                : base(nameof(LinearPair))
            {
                shared = nn.Linear(3, 2, hasBias: false);
                a = nn.Linear(2, 1, hasBias: false);
                b = nn.Linear(2, 1, hasBias: false);
                lossWeighting = new StaticWeighting(Tasks);
                RegisterComponents();
            }

            public Linear Shared => shared;

            public Linear HeadA => a;

            public Linear HeadB => b;

            public IReadOnlyList<TaskDefinition> Tasks => [ATask, BTask];

            public LossWeighting Weighting => lossWeighting;

            public ModelParts Parts => new([shared], [a, b]);

            public LinearBatch ToDevice(LinearBatch batch, Device device) => new(batch.X.to(device), batch.A.To(device), batch.B.To(device));

            public TaskStep Step(LinearBatch batch)
            {
                var h = shared.forward(batch.X);
                var ya = a.forward(h).squeeze(1);
                var yb = b.forward(h).squeeze(1);
                var la = ATask.Loss(ya, batch.A);
                var lb = BTask.Loss(yb, batch.B);
                return new TaskStep(la + lb, [la, lb], [ya, yb], [batch.A, batch.B]);
            }
        }

        private sealed class LinearTrainer(LinearPair model, TrainingOptions<LinearMetrics> options)
            : MultiTaskTrainer<LinearPair, LinearBatch, LinearMetrics>(model, options, [new("Shared", model.Shared, new()), new("A", model.HeadA, new()), new("B", model.HeadB, new())])
        {
            protected override LinearMetrics ToMetrics(EvaluationResult result) => new(result.Loss, LinearPair.ATask.MetricsIn(result), LinearPair.BTask.MetricsIn(result));
        }

        private static double[,] Matrix(Tensor t)
        {
            var values = t.to(ScalarType.Float64).data<double>().ToArray();
            var (rows, columns) = ((int)t.size(0), (int)t.size(1));
            var m = new double[rows, columns];
            for (var i = 0; i < rows; i++)
            {
                for (var j = 0; j < columns; j++)
                {
                    m[i, j] = values[(i * columns) + j];
                }
            }

            return m;
        }

        /// <summary>L_k(W) = mean_n (a_k . (W x_n) - t_kn)^2 in doubles.</summary>
        private static double Loss(double[,] w, double[] head, double[,] x, double[] t)
        {
            double sum = 0;
            for (var n = 0; n < t.Length; n++)
            {
                double y = 0;
                for (var r = 0; r < 2; r++)
                {
                    double h = 0;
                    for (var c = 0; c < 3; c++)
                    {
                        h += w[r, c] * x[n, c];
                    }

                    y += head[r] * h;
                }

                sum += (y - t[n]) * (y - t[n]);
            }

            return sum / t.Length;
        }

        /// <summary>dL_k/dW[r, c] = (2/N) sum_n (y_kn - t_kn) a_k[r] x_n[c].</summary>
        private static double[,] Gradient(double[,] w, double[] head, double[,] x, double[] t)
        {
            var g = new double[2, 3];
            for (var n = 0; n < t.Length; n++)
            {
                double y = 0;
                for (var r = 0; r < 2; r++)
                {
                    for (var c = 0; c < 3; c++)
                    {
                        y += head[r] * w[r, c] * x[n, c];
                    }
                }

                for (var r = 0; r < 2; r++)
                {
                    for (var c = 0; c < 3; c++)
                    {
                        g[r, c] += 2.0 / t.Length * (y - t[n]) * head[r] * x[n, c];
                    }
                }
            }

            return g;
        }

        [Fact]
        public void The_lookahead_matches_a_hand_computation_and_leaves_training_unchanged()
        {
            torch.manual_seed(7);
            var xs = torch.randn(6, 3);
            var ta = torch.randn(6);
            var tb = torch.randn(6);
            using var model = new LinearPair();
            var (w, headA, headB) = (Matrix(model.Shared.weight!.detach()), Matrix(model.HeadA.weight!.detach()), Matrix(model.HeadB.weight!.detach()));
            var (x, targetA, targetB) = (Matrix(xs), ta.to(ScalarType.Float64).data<double>().ToArray(), tb.to(ScalarType.Float64).data<double>().ToArray());
            double[] a = [headA[0, 0], headA[0, 1]], b = [headB[0, 0], headB[0, 1]];
            var initial = TestTensors.Weights(model);
            const double eta = 0.05;

            var options = new TrainingOptions<LinearMetrics> { Epochs = 1, Optimizer = OptimizerKind.Sgd, Momentum = 0, LearningRate = eta, TaskAffinity = new TaskAffinityOptions { Every = 1 } };
            using var trainer = new LinearTrainer(model, options);
            var history = trainer.Fit([new LinearBatch(xs, ta, tb)]);

            var affinity = history[0].TaskAffinity!;
            Assert.Equal(1, affinity.Measurements);
            Assert.Equal(["A", "B"], affinity.Tasks);
            double[][] heads = [a, b];
            double[][] targets = [targetA, targetB];
            for (var i = 0; i < 2; i++)
            {
                var g = Gradient(w, heads[i], x, targets[i]);
                var moved = new double[2, 3];
                for (var r = 0; r < 2; r++)
                {
                    for (var c = 0; c < 3; c++)
                    {
                        moved[r, c] = w[r, c] - (eta * g[r, c]);
                    }
                }

                for (var j = 0; j < 2; j++)
                {
                    var expected = 1 - (Loss(moved, heads[j], x, targets[j]) / Loss(w, heads[j], x, targets[j]));
                    Assert.Equal(expected, affinity.Lookahead[i, j], 5);
                }
            }

            var ga = Gradient(w, a, x, targetA).Cast<double>().ToArray();
            var gb = Gradient(w, b, x, targetB).Cast<double>().ToArray();
            var cos = ga.Zip(gb).Sum(p => p.First * p.Second) / Math.Sqrt(ga.Sum(v => v * v) * gb.Sum(v => v * v));
            Assert.Equal(cos, affinity.GradientCosine[0, 1], 5);
            Assert.Equal(1, affinity.GradientCosine[0, 0], 5);

            // The same step without measuring gives the same weights, to the bit.
            using var again = new LinearPair();
            again.load_state_dict(initial.ToDictionary(kv => kv.Key, kv => torch.tensor(kv.Value).reshape(again.state_dict()[kv.Key].shape)));
            using var plain = new LinearTrainer(again, new TrainingOptions<LinearMetrics> { Epochs = 1, Optimizer = OptimizerKind.Sgd, Momentum = 0, LearningRate = eta });
            plain.Fit([new LinearBatch(xs, ta, tb)]);
            Assert.True(TestTensors.SameWeights(TestTensors.Weights(model), TestTensors.Weights(again)));
        }

        [Fact]
        public void Measuring_with_dropout_and_masks_keeps_training_identical_and_skips_absent_pairs()
        {
            var data = new TinyData(32, seed: 3, maskedFraction: 0.3);
            List<Dictionary<string, float[]>> weights = [];
            TaskAffinity? measured = null;
            foreach (var measure in new[] { false, true })
            {
                torch.manual_seed(3);
                // Two trunk layers: the second's weight is saved in the graph, so moving it in place before the backward pass would fail.
                using var net = new TinyNet(dropout: 0.3, trunkLayers: 2);
                using var trainer = new TinyTrainer(net, new TrainingOptions<TinyMetrics> { Epochs = 2, TaskAffinity = measure ? new TaskAffinityOptions { Every = 2 } : null });
                var history = trainer.Fit(data.Batches(8, shuffle: true, seed: 1));
                weights.Add(TestTensors.Weights(net));
                measured ??= history[^1].TaskAffinity;
                Assert.Equal(measure, history[0].TaskAffinity is not null);
            }

            Assert.True(TestTensors.SameWeights(weights[0], weights[1]));
            Assert.Equal(2, measured!.Measurements);

            // The history's export (CSV, JSON, TensorBoard) carries the epoch's affinities by tag.
            var scalars = EpochScalars.Of(new EpochResult<TinyMetrics>(2, null!, null, TimeSpan.Zero) { TaskAffinity = measured }).ToDictionary(kv => kv.Key, kv => kv.Value);
            Assert.Equal(measured.Lookahead[0, 1], scalars["affinity/Class->Value"]);
            Assert.Equal(measured.Lookahead[1, 0], scalars["affinity/Value->Class"]);
            Assert.Equal(measured.GradientCosine[0, 1], scalars["gradient_cosine/Class-Value"]);
            Assert.DoesNotContain("gradient_cosine/Value-Class", scalars.Keys);
            Assert.All(measured.Lookahead.Cast<double>(), v => Assert.True(double.IsFinite(v)));
        }

        [Fact]
        public void A_model_without_shared_parameters_cannot_measure_affinity()
        {
            var error = Assert.Throws<ArgumentException>(() => new TinyTrainerWithoutSharing());
            Assert.Contains("shared parameters", error.Message, StringComparison.Ordinal);
        }

        private sealed class TinyTrainerWithoutSharing()
            : MultiTaskTrainer<TinyNoShare, TinyBatch, TinyMetrics>(new TinyNoShare(), new TrainingOptions<TinyMetrics> { TaskAffinity = new() }, [])
        {
            protected override TinyMetrics ToMetrics(EvaluationResult result) => throw new NotSupportedException();
        }

        private sealed class TinyNoShare : nn.Module, IMultiTaskNetwork<TinyBatch>
        {
            private readonly Linear head = nn.Linear(4, 3);
            private readonly StaticWeighting lossWeighting = new([TinyNet.ClassTask]);

            public TinyNoShare()
                : base(nameof(TinyNoShare)) => RegisterComponents();

            public IReadOnlyList<TaskDefinition> Tasks => [TinyNet.ClassTask];

            public LossWeighting Weighting => lossWeighting;

            public ModelParts Parts => new([], [head]);

            public TaskStep Step(TinyBatch batch) => throw new NotSupportedException();

            public TinyBatch ToDevice(TinyBatch batch, Device device) => batch;
        }

        [Fact]
        public void The_grouping_search_finds_the_brute_force_best_of_every_partition()
        {
            string[] tasks = ["A", "B", "C", "D"];
            double[,] z = { { 0.5, 0.30, -0.05, 0.02 }, { 0.25, 0.4, 0.01, -0.03 }, { 0.0, 0.02, 0.6, 0.2 }, { -0.04, 0.03, 0.35, 0.5 } };
            var ranked = TaskGrouping.Rank(z, tasks);

            Assert.Equal(15, ranked.Count); // Bell(4)
            // Brute force, independently: every labelling of 4 tasks with up to 4 labels, scored by the stated rule.
            double bestScore = double.NegativeInfinity;
            string? bestGroups = null;
            for (var code = 0; code < 256; code++)
            {
                var labels = Enumerable.Range(0, 4).Select(t => (code >> (2 * t)) & 3).ToArray();
                double score = 0;
                for (var onto = 0; onto < 4; onto++)
                {
                    var mates = Enumerable.Range(0, 4).Where(from => from != onto && labels[from] == labels[onto]).ToArray();
                    score += mates.Length == 0 ? 0 : mates.Average(from => z[from, onto]);
                }

                if (score > bestScore + 1e-12)
                {
                    bestScore = score;
                    bestGroups = string.Join(" | ", labels.Distinct().Select(l => string.Join(",", Enumerable.Range(0, 4).Where(t => labels[t] == l).Select(t => tasks[t]))).OrderBy(g => g, StringComparer.Ordinal));
                }
            }

            var best = ranked[0];
            Assert.Equal(bestScore, best.Score, 12);
            Assert.Equal(bestGroups, string.Join(" | ", best.Groups.Select(g => string.Join(",", g)).OrderBy(g => g, StringComparer.Ordinal)));
            Assert.Equal("A,B | C,D", bestGroups);
            Assert.True(ranked.Zip(ranked.Skip(1)).All(p => p.First.Score >= p.Second.Score));
        }

        [Fact]
        public void Above_eight_tasks_the_greedy_merge_finds_clear_blocks()
        {
            var tasks = Enumerable.Range(0, 9).Select(i => $"T{i}").ToArray();
            var z = new double[9, 9];
            for (var i = 0; i < 9; i++)
            {
                for (var j = 0; j < 9; j++)
                {
                    z[i, j] = i / 3 == j / 3 ? 0.4 : -0.1;
                }
            }

            var best = TaskGrouping.Rank(z, tasks)[0];
            Assert.Equal(["T0,T1,T2", "T3,T4,T5", "T6,T7,T8"], best.Groups.Select(g => string.Join(",", g)).OrderBy(g => g, StringComparer.Ordinal));
            Assert.Equal(9 * 0.4, best.Score, 12);
        }
    }
}
