using System;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// RMSE, MAE and R² of a <see cref="RegressionTask"/>, from running sums per output: squared and absolute errors, and the
    /// labels' mean and sum of squared deviations merged batch by batch (Chan, Golub and LeVeque's parallel update).
    /// </summary>
    internal sealed class RegressionAccumulator : MetricAccumulator
    {
        private readonly RegressionTask task;
        private Tensor? squaredError;
        private Tensor? absoluteError;
        private Tensor? labelMean;
        private Tensor? labelDeviation;
        private Tensor? labelCount;

        public RegressionAccumulator(RegressionTask task)
            : base(task)
        {
            this.task = task;
        }

        private protected override void AddRows(Tensor output, Tensor labels, Tensor? mask, long n)
        {
            using var predicted = output.reshape(n, -1).to(ScalarType.Float64);
            using var actual = labels.reshape(n, -1).to(ScalarType.Float64);
            var device = predicted.device;
            var width = predicted.size(1);
            squaredError ??= RunningSum(ScalarType.Float64, device, width);
            absoluteError ??= RunningSum(ScalarType.Float64, device, width);
            labelMean ??= RunningSum(ScalarType.Float64, device, width);
            labelDeviation ??= RunningSum(ScalarType.Float64, device, width);
            labelCount ??= RunningSum(ScalarType.Float64, device);

            // Masked rows may hold any value (NaN included): they are zeroed, not multiplied by 0.
            using var present = PresentRows(mask, n, device);
            using var absent = present.logical_not();
            using var difference = predicted.sub(actual);
            using var error = difference.masked_fill(absent, Scalars.Zero);
            using var squared = error.square();
            using var squaredSum = squared.sum(0L);
            squaredError.add_(squaredSum, Scalars.One);
            using var magnitude = error.abs();
            using var magnitudeSum = magnitude.sum(0L);
            absoluteError.add_(magnitudeSum, Scalars.One);
            AddLabels(actual, present, absent);
        }

        /// <summary>Merges the batch's present labels into each output's running mean and sum of squared deviations.</summary>
        private void AddLabels(Tensor actual, Tensor present, Tensor absent)
        {
            using var batchCount = present.sum(type: ScalarType.Float64);
            using var batchDivisor = batchCount.clamp_min(Scalars.One);
            using var kept = actual.masked_fill(absent, Scalars.Zero);
            using var batchSum = kept.sum(0L);
            using var batchMean = batchSum.div(batchDivisor);
            using var offset = actual.sub(batchMean);
            using var centered = offset.masked_fill(absent, Scalars.Zero);
            using var centeredSquared = centered.square();
            using var batchDeviation = centeredSquared.sum(0L);

            using var total = labelCount!.add(batchCount, Scalars.One);
            using var totalDivisor = total.clamp_min(Scalars.One);
            using var share = batchCount.div(totalDivisor);
            using var delta = batchMean.sub(labelMean!);
            using var meanStep = delta.mul(share);
            using var deltaSquared = delta.square();
            using var crossWeight = labelCount.mul(share);
            using var cross = deltaSquared.mul(crossWeight);
            labelMean!.add_(meanStep, Scalars.One);
            labelDeviation!.add_(batchDeviation, Scalars.One);
            labelDeviation.add_(cross, Scalars.One);
            labelCount.copy_(total);
        }

        private protected override TaskMetrics ComputeCore(double loss, long count)
        {
            if (count == 0 || squaredError is null)
            {
                return new RegressionMetrics(task.Name, loss, 0, double.NaN, double.NaN, double.NaN);
            }

            using var stacked = torch.stack(new[] { squaredError, absoluteError!, labelDeviation! });
            using var host = stacked.to(ScalarType.Float64, torch.CPU);
            var sums = HostSpan<double>(host);
            var width = (int)squaredError.size(0);
            var residual = sums[..width];
            var absolute = sums.Slice(width, width);
            var total = sums.Slice(2 * width, width);
            double squared = 0, absoluteSum = 0, r2 = 0;
            for (var j = 0; j < width; j++)
            {
                squared += residual[j];
                absoluteSum += absolute[j];
                // scikit-learn's force_finite convention: a constant target scores 1 when predicted exactly, else 0.
                r2 += total[j] == 0 ? (residual[j] == 0 ? 1 : 0) : 1 - residual[j] / total[j];
            }

            var elements = (double)count * width;
            return new RegressionMetrics(task.Name, loss, count, Math.Sqrt(squared / elements), absoluteSum / elements, r2 / width);
        }

        private protected override void ReleaseRows()
        {
            squaredError?.Dispose();
            absoluteError?.Dispose();
            labelMean?.Dispose();
            labelDeviation?.Dispose();
            labelCount?.Dispose();
            squaredError = absoluteError = labelMean = labelDeviation = labelCount = null;
        }
    }
}
