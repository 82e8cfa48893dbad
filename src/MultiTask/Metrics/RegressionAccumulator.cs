using System;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>RMSE, MAE and R² of a <see cref="RegressionTask"/>.</summary>
    internal sealed class RegressionAccumulator : MetricAccumulator
    {
        private readonly RegressionTask task;

        public RegressionAccumulator(RegressionTask task)
            : base(task)
        {
            this.task = task;
        }

        private protected override TaskMetrics ComputeCore(double loss, long count, ReadOnlySpan<bool> mask, ReadOnlySpan<double> output, int width, RowBuffer labels)
        {
            using var cpuLabels = LabelsOnHost(labels, ScalarType.Float64);
            var label = cpuLabels is null ? ReadOnlySpan<double>.Empty : HostSpan<double>(cpuLabels);
            if (count == 0)
            {
                return new RegressionMetrics(task.Name, loss, 0, double.NaN, double.NaN, double.NaN);
            }

            double squared = 0, absolute = 0;
            var labelSum = new double[width];
            for (var row = 0; row < mask.Length; row++)
            {
                if (!mask[row])
                {
                    continue;
                }

                for (var j = 0; j < width; j++)
                {
                    var i = row * width + j;
                    var error = output[i] - label[i];
                    squared += error * error;
                    absolute += Math.Abs(error);
                    labelSum[j] += label[i];
                }
            }

            var residual = new double[width];
            var total = new double[width];
            for (var row = 0; row < mask.Length; row++)
            {
                if (!mask[row])
                {
                    continue;
                }

                for (var j = 0; j < width; j++)
                {
                    var i = row * width + j;
                    var error = output[i] - label[i];
                    var centered = label[i] - labelSum[j] / count;
                    residual[j] += error * error;
                    total[j] += centered * centered;
                }
            }

            double r2 = 0;
            for (var j = 0; j < width; j++)
            {
                // scikit-learn's force_finite convention: a constant target scores 1 when predicted exactly, else 0.
                r2 += total[j] == 0 ? (residual[j] == 0 ? 1 : 0) : 1 - residual[j] / total[j];
            }

            var elements = (double)count * width;
            return new RegressionMetrics(task.Name, loss, count, Math.Sqrt(squared / elements), absolute / elements, r2 / width);
        }
    }
}
