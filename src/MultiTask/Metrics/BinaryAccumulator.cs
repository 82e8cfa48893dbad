using System;
using System.Buffers;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// Accuracy, ROC AUC, precision and recall of a <see cref="BinaryTask"/>. The exact AUC ranks every row, so each row keeps
    /// 5 bytes on the output's device: its logit as float32 and a label byte (1 positive, 0 negative, 2 absent).
    /// </summary>
    internal sealed class BinaryAccumulator : MetricAccumulator
    {
        private const byte Absent = 2;
        private static readonly Scalar AbsentCode = ((int)Absent).ToScalar();
        private static readonly Scalar PositiveFrom = 0.5.ToScalar();

        private readonly BinaryTask task;
        private readonly RowBuffer logits = new();
        private readonly RowBuffer codes = new();

        public BinaryAccumulator(BinaryTask task)
            : base(task)
        {
            this.task = task;
        }

        private protected override void AddRows(Tensor output, Tensor labels, Tensor? mask, long n)
        {
            using var logit = output.reshape(n).to(ScalarType.Float32);
            logits.Append(logit);
            using var label = labels.reshape(n).to(ScalarType.Float32);
            using var positive = label.ge(PositiveFrom);
            using var code = positive.to(ScalarType.Byte);
            if (mask is null)
            {
                codes.Append(code);
                return;
            }

            using var absent = mask.reshape(n).logical_not();
            using var coded = code.masked_fill(absent, AbsentCode);
            codes.Append(coded);
        }

        private protected override TaskMetrics ComputeCore(double loss, long count)
        {
            using var hostLogits = logits.ToCpu(ScalarType.Float32);
            using var hostCodes = codes.ToCpu(ScalarType.Byte);
            var output = hostLogits is null ? ReadOnlySpan<float>.Empty : HostSpan<float>(hostLogits);
            var code = hostCodes is null ? ReadOnlySpan<byte>.Empty : HostSpan<byte>(hostCodes);
            var scores = ArrayPool<float>.Shared.Rent((int)count);
            var positives = ArrayPool<bool>.Shared.Rent((int)count);
            long tp = 0, fp = 0, fn = 0, correct = 0;
            var n = 0;
            for (var row = 0; row < code.Length; row++)
            {
                if (code[row] == Absent)
                {
                    continue;
                }

                var logit = output[row];
                var probability = 1.0 / (1.0 + Math.Exp(-(double)logit));
                var predicted = probability >= task.Threshold;
                var actual = code[row] == 1;
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
            ArrayPool<float>.Shared.Return(scores);
            ArrayPool<bool>.Shared.Return(positives);
            return new BinaryMetrics(task.Name, loss, count, accuracy, auc, precision, recall);
        }

        private protected override void ReleaseRows()
        {
            logits.Dispose();
            codes.Dispose();
        }

        /// <summary>Mann-Whitney ROC AUC with average ranks for ties; NaN unless both classes occur. Sorts both spans in place.</summary>
        internal static double RocAuc(Span<float> scores, Span<bool> positives)
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
