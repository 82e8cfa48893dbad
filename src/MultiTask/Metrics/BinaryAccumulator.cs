using System;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>Accuracy, ROC AUC, precision and recall of a <see cref="BinaryTask"/>.</summary>
    internal sealed class BinaryAccumulator : MetricAccumulator
    {
        private readonly BinaryTask task;

        public BinaryAccumulator(BinaryTask task)
            : base(task)
        {
            this.task = task;
        }

        private protected override TaskMetrics ComputeCore(double loss, long count, bool[] mask, double[] output, int width, RowBuffer labels)
        {
            using var cpuLabels = labels.ToCpu(ScalarType.Float64);
            var label = cpuLabels is null ? Array.Empty<double>() : cpuLabels.data<double>().ToArray();
            var scores = new double[count];
            var positives = new bool[count];
            long tp = 0, fp = 0, fn = 0, correct = 0;
            var n = 0;
            for (var row = 0; row < mask.Length; row++)
            {
                if (!mask[row])
                {
                    continue;
                }

                var logit = output[row];
                var probability = 1.0 / (1.0 + Math.Exp(-logit));
                var predicted = probability >= task.Threshold;
                var actual = label[row] >= 0.5;
                scores[n] = logit;
                positives[n] = actual;
                n++;
                if (predicted == actual)
                {
                    correct++;
                }

                if (predicted && actual)
                {
                    tp++;
                }
                else if (predicted)
                {
                    fp++;
                }
                else if (actual)
                {
                    fn++;
                }
            }

            var accuracy = count == 0 ? double.NaN : (double)correct / count;
            var precision = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
            var recall = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
            return new BinaryMetrics(task.Name, loss, count, accuracy, RocAuc(scores, positives), precision, recall);
        }

        /// <summary>Mann-Whitney ROC AUC with average ranks for ties; NaN unless both classes occur.</summary>
        internal static double RocAuc(double[] scores, bool[] positives)
        {
            var n = scores.Length;
            var order = new int[n];
            for (var i = 0; i < n; i++)
            {
                order[i] = i;
            }

            Array.Sort(order, (a, b) => scores[a].CompareTo(scores[b]));
            double positiveRankSum = 0;
            long positiveCount = 0;
            var start = 0;
            while (start < n)
            {
                var end = start;
                while (end + 1 < n && scores[order[end + 1]].CompareTo(scores[order[start]]) == 0)
                {
                    end++;
                }

                var averageRank = (start + end) / 2.0 + 1; // 1-based ranks, averaged over the tie group
                for (var i = start; i <= end; i++)
                {
                    if (positives[order[i]])
                    {
                        positiveRankSum += averageRank;
                        positiveCount++;
                    }
                }

                start = end + 1;
            }

            var negativeCount = n - positiveCount;
            if (positiveCount == 0 || negativeCount == 0)
            {
                return double.NaN;
            }

            return (positiveRankSum - positiveCount * (positiveCount + 1) / 2.0) / ((double)positiveCount * negativeCount);
        }
    }
}
