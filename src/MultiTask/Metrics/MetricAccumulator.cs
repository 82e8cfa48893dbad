using System;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// Collects a task's outputs, labels, masks and losses across batches. <see cref="Add"/> keeps detached device copies
    /// outside every dispose scope without a host sync; <see cref="Compute"/> copies them to the CPU once. Masked rows never count.
    /// </summary>
    public abstract class MetricAccumulator : IDisposable
    {
        private readonly RowBuffer outputs = new();
        private readonly RowBuffer values = new();
        private readonly RowBuffer masks = new();
        private Tensor? lossSum;
        private bool disposed;

        private protected MetricAccumulator(TaskDefinition task)
        {
            Task = task;
        }

        /// <summary>The task whose metrics are accumulated.</summary>
        public TaskDefinition Task { get; }

        /// <summary>Adds one batch: the task's output, its target and its (mean over present rows) loss.</summary>
        public void Add(Tensor output, TaskTarget target, Tensor loss)
        {
            ArgumentNullException.ThrowIfNull(output);
            ArgumentNullException.ThrowIfNull(target);
            ArgumentNullException.ThrowIfNull(loss);
            ObjectDisposedException.ThrowIf(disposed, this);
            using var noGrad = torch.no_grad();
            using var detached = output.detach();
            outputs.Append(detached);
            values.Append(target.Labels);
            var rows = output.shape[0];
            using var detachedLoss = loss.detach();
            using var lossValue = detachedLoss.to(ScalarType.Float64);
            Tensor weighted;
            if (target.Mask is null)
            {
                using var ones = torch.ones(rows, dtype: ScalarType.Bool, device: output.device);
                masks.Append(ones);
                weighted = lossValue.mul(rows);
            }
            else
            {
                masks.Append(target.Mask);
                using var present = target.Mask.sum(type: ScalarType.Float64);
                using var presentOnDevice = present.to(lossValue.device);
                weighted = lossValue.mul(presentOnDevice);
            }

            using (weighted)
            {
                if (lossSum is null)
                {
                    lossSum = weighted.reshape(Array.Empty<long>()).clone().DetachFromDisposeScope();
                }
                else
                {
                    using var flat = weighted.reshape(Array.Empty<long>());
                    lossSum.add_(flat);
                }
            }
        }

        /// <summary>Copies everything to the CPU once and computes the metrics over present rows.</summary>
        public TaskMetrics Compute()
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            using var cpuOutputs = outputs.ToCpu(ScalarType.Float64);
            using var cpuMasks = masks.ToCpu(ScalarType.Bool);
            using var cpuLoss = lossSum?.to(ScalarType.Float64, torch.CPU);
            var mask = cpuMasks is null ? Array.Empty<bool>() : cpuMasks.data<bool>().ToArray();
            long count = 0;
            foreach (var present in mask)
            {
                if (present)
                {
                    count++;
                }
            }

            var sum = cpuLoss is null ? 0.0 : cpuLoss.item<double>();
            var loss = count > 0 ? sum / count : sum;
            var width = cpuOutputs is null || cpuOutputs.dim() < 2 ? 1 : (int)cpuOutputs.shape[1];
            var output = cpuOutputs is null ? Array.Empty<double>() : cpuOutputs.data<double>().ToArray();
            return ComputeCore(loss, count, mask, output, width, values);
        }

        /// <summary>Releases the device buffers.</summary>
        public void Dispose()
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            outputs.Dispose();
            values.Dispose();
            masks.Dispose();
            lossSum?.Dispose();
            lossSum = null;
            GC.SuppressFinalize(this);
        }

        /// <summary>
        /// The task-specific metrics from host copies: <paramref name="mask"/> per row, <paramref name="output"/> row-major
        /// with <paramref name="width"/> values per row, and the label buffer (to be copied with the dtype the task needs).
        /// </summary>
        private protected abstract TaskMetrics ComputeCore(double loss, long count, bool[] mask, double[] output, int width, RowBuffer labels);
    }
}
