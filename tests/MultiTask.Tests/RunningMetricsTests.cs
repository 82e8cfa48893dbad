using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.Tests
{
    /// <summary>
    /// The accumulators' running sums against the full computation over every row of the pass (what they kept before), on
    /// random batches of uneven sizes with masks (masked rows holding garbage labels) and sample weights.
    /// </summary>
    public class RunningMetricsTests
    {
        private const int Precision = 9;
        private static readonly int[] BatchSizes = [17, 1, 40, 23, 64, 5];

        [Theory]
        [InlineData(1, 1)]
        [InlineData(2, 3)]
        [InlineData(3, 1)]
        public void Regression_matches_the_full_computation(int seed, int width)
        {
            var random = new Random(seed);
            var task = new RegressionTask("Price", outputs: width);
            using var accumulator = task.CreateAccumulator();
            var outputs = new List<double[]>();
            var labels = new List<double[]>();
            foreach (var n in BatchSizes)
            {
                // Far from 0, where a one-pass sum of squares loses digits; the merged deviations must not.
                var label = RandomValues(random, n * width, scale: 2).Select(v => v + 1_000_000).ToArray();
                var noise = RandomValues(random, n * width, scale: 1);
                var output = label.Zip(noise, (l, e) => l + e).ToArray();
                var mask = RandomMask(random, n);
                for (var row = 0; row < n; row++)
                {
                    if (mask is not null && !mask[row])
                    {
                        label[row * width] = float.NaN;
                        continue;
                    }

                    outputs.Add(Enumerable.Range(0, width).Select(j => (double)output[row * width + j]).ToArray());
                    labels.Add(Enumerable.Range(0, width).Select(j => (double)label[row * width + j]).ToArray());
                }

                using var outputTensor = torch.tensor(output).reshape(n, width);
                using var labelTensor = torch.tensor(label).reshape(n, width);
                using var maskTensor = mask is null ? null : torch.tensor(mask);
                using var weights = torch.tensor(RandomValues(random, n, scale: 1).Select(Math.Abs).ToArray());
                using var loss = torch.tensor(1f);
                accumulator.Add(outputTensor, new TaskTarget(labelTensor, maskTensor, weights), loss);
            }

            var m = (RegressionMetrics)accumulator.Compute();
            var expected = FullRegression(outputs, labels, width);
            Assert.Equal(outputs.Count, m.Count);
            Assert.Equal(expected.Rmse, m.Rmse, Precision);
            Assert.Equal(expected.Mae, m.Mae, Precision);
            Assert.Equal(expected.R2, m.R2, Precision);
        }

        [Theory]
        [InlineData(1, 5, 1)]
        [InlineData(2, 5, 3)]
        [InlineData(3, 2, 1)]
        public void Classification_matches_the_full_computation(int seed, int classes, int k)
        {
            var random = new Random(seed);
            var task = new ClassificationTask("Digit", classes, topK: k);
            using var accumulator = task.CreateAccumulator();
            var rows = new List<(double[] Scores, long Label)>();
            foreach (var n in BatchSizes)
            {
                // Scores rounded to halves tie often, which the argmax and the top-k count must break as before.
                var scores = RandomValues(random, n * classes, scale: 2).Select(v => MathF.Round(v * 2) / 2).ToArray();
                var label = Enumerable.Range(0, n).Select(_ => (long)random.Next(classes)).ToArray();
                var mask = RandomMask(random, n);
                for (var row = 0; row < n; row++)
                {
                    if (mask is not null && !mask[row])
                    {
                        label[row] = -100;
                        continue;
                    }

                    rows.Add((Enumerable.Range(0, classes).Select(c => (double)scores[row * classes + c]).ToArray(), label[row]));
                }

                using var logits = torch.tensor(scores).reshape(n, classes);
                using var loss = torch.tensor(1f);
                var weights = RandomValues(random, n, scale: 1).Select(Math.Abs).ToArray();
                accumulator.Add(logits, TaskTarget.Classes(label, mask, weights), loss);
            }

            var m = (ClassificationMetrics)accumulator.Compute();
            var expected = FullClassification(rows, classes, k);
            Assert.Equal(rows.Count, m.Count);
            Assert.Equal(expected.Accuracy, m.Accuracy, Precision);
            Assert.Equal(expected.TopK, m.TopKAccuracy, Precision);
            Assert.Equal(expected.MacroF1, m.MacroF1, Precision);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        public void Binary_matches_the_full_computation(int seed)
        {
            var random = new Random(seed);
            var task = new BinaryTask("IsEven", threshold: 0.4);
            using var accumulator = task.CreateAccumulator();
            var rows = new List<(double Logit, bool Positive)>();
            foreach (var n in BatchSizes)
            {
                var logits = RandomValues(random, n, scale: 2).Select(v => MathF.Round(v * 4) / 4).ToArray();
                var label = Enumerable.Range(0, n).Select(_ => random.Next(2) == 1).ToArray();
                var mask = RandomMask(random, n);
                for (var row = 0; row < n; row++)
                {
                    if (mask is null || mask[row])
                    {
                        rows.Add((logits[row], label[row]));
                    }
                }

                using var output = torch.tensor(logits);
                using var loss = torch.tensor(1f);
                var weights = RandomValues(random, n, scale: 1).Select(Math.Abs).ToArray();
                accumulator.Add(output, TaskTarget.Binary(label, mask, weights), loss);
            }

            var m = (BinaryMetrics)accumulator.Compute();
            var logit = Math.Log(0.4 / 0.6);
            long tp = rows.Count(r => r.Logit >= logit && r.Positive);
            long fp = rows.Count(r => r.Logit >= logit && !r.Positive);
            long fn = rows.Count(r => r.Logit < logit && r.Positive);
            long correct = rows.Count(r => (r.Logit >= logit) == r.Positive);
            Assert.Equal(rows.Count, m.Count);
            Assert.Equal((double)correct / rows.Count, m.Accuracy, Precision);
            Assert.Equal((double)tp / (tp + fp), m.Precision, Precision);
            Assert.Equal((double)tp / (tp + fn), m.Recall, Precision);
            Assert.Equal(PairwiseAuc(rows), m.Auc, Precision);
        }

        private static float[] RandomValues(Random random, int count, double scale)
            => Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2 - 1) * scale)).ToArray();

        /// <summary>No mask for about one batch in three; otherwise about a quarter of the rows masked.</summary>
        private static bool[]? RandomMask(Random random, int n)
            => random.Next(3) == 0 ? null : Enumerable.Range(0, n).Select(_ => random.NextDouble() >= 0.25).ToArray();

        /// <summary>Two passes over all present rows: the errors, then each output's deviations from its label mean.</summary>
        private static (double Rmse, double Mae, double R2) FullRegression(List<double[]> outputs, List<double[]> labels, int width)
        {
            double squared = 0, absolute = 0, r2 = 0;
            for (var j = 0; j < width; j++)
            {
                var mean = labels.Average(l => l[j]);
                double residual = 0, total = 0;
                for (var row = 0; row < labels.Count; row++)
                {
                    var error = outputs[row][j] - labels[row][j];
                    residual += error * error;
                    absolute += Math.Abs(error);
                    total += (labels[row][j] - mean) * (labels[row][j] - mean);
                }

                squared += residual;
                r2 += 1 - residual / total;
            }

            var elements = (double)labels.Count * width;
            return (Math.Sqrt(squared / elements), absolute / elements, r2 / width);
        }

        private static (double Accuracy, double TopK, double MacroF1) FullClassification(List<(double[] Scores, long Label)> rows, int classes, int k)
        {
            var truePositive = new long[classes];
            var falsePositive = new long[classes];
            var falseNegative = new long[classes];
            long correct = 0, inTopK = 0;
            foreach (var (scores, label) in rows)
            {
                var predicted = Array.IndexOf(scores, scores.Max());
                if (predicted == label)
                {
                    correct++;
                    truePositive[predicted]++;
                }
                else
                {
                    falsePositive[predicted]++;
                    falseNegative[label]++;
                }

                if (scores.Count(s => s > scores[label]) < k)
                {
                    inTopK++;
                }
            }

            var f1 = Enumerable.Range(0, classes)
                .Where(c => 2 * truePositive[c] + falsePositive[c] + falseNegative[c] > 0)
                .Select(c => 2.0 * truePositive[c] / (2 * truePositive[c] + falsePositive[c] + falseNegative[c]))
                .Average();
            return ((double)correct / rows.Count, (double)inTopK / rows.Count, f1);
        }

        /// <summary>The AUC as the share of (positive, negative) pairs ranked right, ties counting half.</summary>
        private static double PairwiseAuc(List<(double Logit, bool Positive)> rows)
        {
            double wins = 0;
            long pairs = 0;
            foreach (var p in rows.Where(r => r.Positive))
            {
                foreach (var q in rows.Where(r => !r.Positive))
                {
                    wins += p.Logit > q.Logit ? 1 : p.Logit == q.Logit ? 0.5 : 0;
                    pairs++;
                }
            }

            return wins / pairs;
        }
    }
}
