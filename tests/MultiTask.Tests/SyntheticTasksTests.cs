using System;
using System.Linq;
using Xunit;

namespace MultiTask.Tests
{
    public class SyntheticTasksTests
    {
        private static double Correlation(double[] a, double[] b)
        {
            var ma = a.Average();
            var mb = b.Average();
            double cov = 0, va = 0, vb = 0;
            for (var i = 0; i < a.Length; i++)
            {
                cov += (a[i] - ma) * (b[i] - mb);
                va += (a[i] - ma) * (a[i] - ma);
                vb += (b[i] - mb) * (b[i] - mb);
            }

            return cov / Math.Sqrt(va * vb);
        }

        private static double[] Linear(SyntheticRegressionData data, double[] w)
        {
            var result = new double[data.Rows];
            for (var r = 0; r < data.Rows; r++)
            {
                for (var j = 0; j < w.Length; j++)
                {
                    result[r] += w[j] * data.Features[r, j];
                }
            }

            return result;
        }

        [Theory]
        [InlineData(0.0)]
        [InlineData(0.5)]
        [InlineData(0.9)]
        [InlineData(-0.7)]
        public void Linear_parts_have_the_requested_correlation(double p)
        {
            var data = SyntheticTasks.Regression(4000, p, dimension: 16, seed: 3, scale: 2);
            Assert.Equal(p, data.Weights1.Zip(data.Weights2, (a, b) => a * b).Sum() / 4, 9); // w1.w2 = c^2 p
            Assert.Equal(2, Math.Sqrt(data.Weights2.Sum(w => w * w)), 9);
            var observed = Correlation(Linear(data, data.Weights1), Linear(data, data.Weights2));
            Assert.InRange(observed, p - 0.05, p + 0.05);
        }

        [Fact]
        public void Label_correlation_grows_with_p()
        {
            double LabelCorrelation(double p)
            {
                var data = SyntheticTasks.Regression(3000, p, dimension: 16, seed: 5);
                return Correlation(data.Task1.Select(x => (double)x).ToArray(), data.Task2.Select(x => (double)x).ToArray());
            }

            var low = LabelCorrelation(0.1);
            var mid = LabelCorrelation(0.5);
            var high = LabelCorrelation(0.95);
            Assert.True(low < mid && mid < high, $"{low} {mid} {high}");
        }

        [Fact]
        public void Same_seed_same_data_and_targets_follow_the_formula_shape()
        {
            var a = SyntheticTasks.Regression(50, 0.3, dimension: 8, seed: 11);
            var b = SyntheticTasks.Regression(50, 0.3, dimension: 8, seed: 11);
            var c = SyntheticTasks.Regression(50, 0.3, dimension: 8, seed: 12);
            Assert.Equal(a.Task1, b.Task1);
            Assert.Equal(a.Task2, b.Task2);
            Assert.Equal(a.Features.Cast<float>(), b.Features.Cast<float>());
            Assert.NotEqual(a.Task1, c.Task1);
            Assert.Equal(2, a.Targets.Count);
            Assert.Equal(8, a.Features.GetLength(1));

            // Without sine terms and noise, y_k is exactly w_k.x.
            var linear = SyntheticTasks.Regression(20, 0.6, dimension: 8, seed: 1, sinTerms: 0, noise: 0);
            var expected = Linear(linear, linear.Weights2);
            for (var r = 0; r < 20; r++)
            {
                Assert.Equal(expected[r], linear.Task2[r], 4);
            }
        }

        [Fact]
        public void Classification_variant_is_balanced()
        {
            var data = SyntheticTasks.Classification(1000, 0.5, classes: 4, dimension: 10, seed: 2);
            Assert.Equal(4, data.ClassCount);
            for (var k = 0; k < 4; k++)
            {
                Assert.InRange(data.Classes.Count(c => c == k), 249, 251);
            }

            Assert.Equal(500, data.Labels.Count(l => l));
            Assert.Equal(data.Labels.Select(l => l ? 1f : 0f), data.BinaryLabels);

            // Classes are quantile bins of task 1: a higher class never has a lower task-1 value.
            var byClass = Enumerable.Range(0, 4).Select(k => data.Source.Task1.Where((_, i) => data.Classes[i] == k).ToArray()).ToArray();
            for (var k = 1; k < 4; k++)
            {
                Assert.True(byClass[k].Min() >= byClass[k - 1].Max());
            }
        }
    }
}
