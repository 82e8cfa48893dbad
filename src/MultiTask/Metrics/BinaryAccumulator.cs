using System;
using System.Buffers;
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

        private protected override TaskMetrics ComputeCore(double loss, long count, ReadOnlySpan<bool> mask, ReadOnlySpan<double> output, int width, RowBuffer labels)
        {
            using var cpuLabels = LabelsOnHost(labels, ScalarType.Float64);
            var label = cpuLabels is null ? ReadOnlySpan<double>.Empty : HostSpan<double>(cpuLabels);
            var scores = ArrayPool<double>.Shared.Rent((int)count);
            var positives = ArrayPool<bool>.Shared.Rent((int)count);
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
            var precision = count == 0 ? double.NaN : tp + fp == 0 ? 0 : (double)tp / (tp + fp);
            var recall = count == 0 ? double.NaN : tp + fn == 0 ? 0 : (double)tp / (tp + fn);
            var auc = RocAuc(scores.AsSpan(0, n), positives.AsSpan(0, n));
            ArrayPool<double>.Shared.Return(scores);
            ArrayPool<bool>.Shared.Return(positives);
            return new BinaryMetrics(task.Name, loss, count, accuracy, auc, precision, recall);
        }

        /// <summary>Mann-Whitney ROC AUC with average ranks for ties; NaN unless both classes occur. Sorts both spans in place.</summary>
        internal static double RocAuc(Span<double> scores, Span<bool> positives)
        {
            var n = scores.Length;
            // A primitive-key sort with the labels alongside (no comparison delegate).
            scores.Sort(positives);
            var sorted = scores;
            var labels = positives;
            double positiveRankSum = 0;
            long positiveCount = 0;
            var start = 0;
            while (start < n)
            {
                var end = start;
                while (end + 1 < n && sorted[end + 1].CompareTo(sorted[start]) == 0)
                {
                    end++;
                }

                var averageRank = (start + end) / 2.0 + 1; // 1-based ranks, averaged over the tie group
                for (var i = start; i <= end; i++)
                {
                    if (labels[i])
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
