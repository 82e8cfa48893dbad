using System;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>Accuracy, macro-F1 and top-k accuracy of a <see cref="ClassificationTask"/>.</summary>
    internal sealed class ClassificationAccumulator : MetricAccumulator
    {
        private readonly ClassificationTask task;

        public ClassificationAccumulator(ClassificationTask task)
            : base(task)
        {
            this.task = task;
        }

        private protected override TaskMetrics ComputeCore(double loss, long count, ReadOnlySpan<bool> mask, ReadOnlySpan<double> output, int width, RowBuffer labels)
        {
            using var cpuLabels = LabelsOnHost(labels, ScalarType.Int64);
            var label = cpuLabels is null ? ReadOnlySpan<long>.Empty : HostSpan<long>(cpuLabels);
            var k = task.TopK;
            var classes = task.Classes;
            var truePositive = new long[classes];
            var falsePositive = new long[classes];
            var falseNegative = new long[classes];
            long correct = 0;
            long inTopK = 0;
            for (var row = 0; row < mask.Length; row++)
            {
                if (!mask[row])
                {
                    continue;
                }

                var offset = row * width;
                var predicted = 0;
                for (var c = 1; c < width; c++)
                {
                    if (output[offset + c] > output[offset + predicted])
                    {
                        predicted = c;
                    }
                }

                var actual = label[row];
                var valid = actual >= 0 && actual < classes;
                if (valid && predicted == actual)
                {
                    correct++;
                    truePositive[predicted]++;
                }
                else
                {
                    falsePositive[predicted]++;
                    if (valid)
                    {
                        falseNegative[actual]++;
                    }
                }

                if (valid)
                {
                    // The label is in the top k when fewer than k classes score strictly higher (ties count in its favour).
                    var score = output[offset + (int)actual];
                    var higher = 0;
                    for (var c = 0; c < width; c++)
                    {
                        if (output[offset + c] > score)
                        {
                            higher++;
                        }
                    }

                    if (higher < k)
                    {
                        inTopK++;
                    }
                }
            }

            double f1Sum = 0;
            var f1Classes = 0;
            for (var c = 0; c < classes; c++)
            {
                var denominator = 2 * truePositive[c] + falsePositive[c] + falseNegative[c];
                if (denominator == 0)
                {
                    continue; // absent from both labels and predictions: excluded, as scikit-learn does
                }

                f1Sum += 2.0 * truePositive[c] / denominator;
                f1Classes++;
            }

            var accuracy = count == 0 ? double.NaN : (double)correct / count;
            var topK = count == 0 ? double.NaN : (double)inTopK / count;
            var macroF1 = f1Classes == 0 ? double.NaN : f1Sum / f1Classes;
            return new ClassificationMetrics(task.Name, loss, count, accuracy, macroF1, topK, k);
        }
    }
}
