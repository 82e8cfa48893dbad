using System;
using System.Buffers;
using System.Runtime.InteropServices;
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
        private RowBuffer? masks;
        private long rows;
        private Tensor? lossSum;
        private Scalar? rowsScalar;
        private long rowsScalarValue;
        private bool disposed;

        private protected MetricAccumulator(TaskDefinition task)
        {
            Task = task;
        }

        /// <summary>The task whose metrics are accumulated.</summary>
        public TaskDefinition Task { get; }

        /// <summary>
        /// Adds one batch: the task's output, its target and its (mean over present rows) loss. A handful of device operations
        /// and no host sync: the rows are copied into growing buffers, the row-weighted loss is added in place, and a mask
        /// buffer exists only once some batch has a mask.
        /// </summary>
        public void Add(Tensor output, TaskTarget target, Tensor loss)
        {
            ArgumentNullException.ThrowIfNull(output);
            ArgumentNullException.ThrowIfNull(target);
            ArgumentNullException.ThrowIfNull(loss);
            ObjectDisposedException.ThrowIf(disposed, this);
            using var noGrad = torch.no_grad();
            var n = output.size(0);
            outputs.Append(output);
            values.Append(target.Labels);
            lossSum ??= torch.zeros(Array.Empty<long>(), ScalarType.Float64, device: loss.device).DetachFromDisposeScope();
            using var flat = loss.dim() == 0 ? null : loss.reshape(Array.Empty<long>());
            var value = flat ?? loss;
            if (target.Mask is null)
            {
                if (masks is not null)
                {
                    using var ones = torch.ones(n, dtype: ScalarType.Bool, device: output.device);
                    masks.Append(ones);
                }

                lossSum.add_(value, RowsScalar(n));
            }
            else
            {
                if (masks is null)
                {
                    masks = new RowBuffer();
                    if (rows > 0)
                    {
                        using var earlier = torch.ones(rows, dtype: ScalarType.Bool, device: output.device);
                        masks.Append(earlier);
                    }
                }

                masks.Append(target.Mask);
                using var present = target.Mask.sum(type: ScalarType.Float64);
                using var presentOnDevice = present.to(lossSum.device);
                using var weighted = value.mul(presentOnDevice);
                lossSum.add_(weighted, Scalars.One);
            }

            rows += n;
        }

        /// <summary>Copies everything to the CPU once and computes the metrics over present rows.</summary>
        public TaskMetrics Compute()
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            // Host copies as native CPU tensors read through spans: no managed array per epoch (large ones would land on the
            // large-object heap, which only a full collection returns).
            using var cpuOutputs = outputs.ToCpu(ScalarType.Float64);
            using var cpuMasks = masks?.ToCpu(ScalarType.Bool);
            using var cpuLoss = lossSum?.to(ScalarType.Float64, torch.CPU);
            bool[]? allPresent = null;
            ReadOnlySpan<bool> mask;
            if (cpuMasks is not null)
            {
                mask = HostSpan<bool>(cpuMasks);
            }
            else
            {
                allPresent = ArrayPool<bool>.Shared.Rent((int)rows);
                Array.Fill(allPresent, true, 0, (int)rows);
                mask = allPresent.AsSpan(0, (int)rows);
            }

            try
            {
                long count = 0;
                foreach (var present in mask)
                {
                    if (present)
                    {
                        count++;
                    }
                }

                var sum = cpuLoss is null ? 0.0 : cpuLoss.item<double>();
                // A task with no present label in the pass has no loss: NaN, never 0 (which would read as a perfect fit).
                var loss = count > 0 ? sum / count : double.NaN;
                var width = cpuOutputs is null || cpuOutputs.dim() < 2 ? 1 : (int)cpuOutputs.size(1);
                var output = cpuOutputs is null ? ReadOnlySpan<double>.Empty : HostSpan<double>(cpuOutputs);
                return ComputeCore(loss, count, mask, output, width, values);
            }
            finally
            {
                if (allPresent is not null)
                {
                    ArrayPool<bool>.Shared.Return(allPresent);
                }
            }
        }

        /// <summary>The elements of a contiguous CPU tensor, read in place (valid while the tensor lives).</summary>
        private protected static ReadOnlySpan<T> HostSpan<T>(Tensor cpu)
            where T : unmanaged
            => MemoryMarshal.Cast<byte, T>(cpu.bytes);

        /// <summary>The labels copied to the CPU as <paramref name="dtype"/> (null when empty); the caller disposes it and reads it with <see cref="HostSpan{T}"/>.</summary>
        private protected static Tensor? LabelsOnHost(RowBuffer labels, ScalarType dtype) => labels.ToCpu(dtype);


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
            masks?.Dispose();
            lossSum?.Dispose();
            lossSum = null;
            rowsScalar?.Dispose();
            rowsScalar = null;
            GC.SuppressFinalize(this);
        }

        /// <summary>The batch size as a Scalar, kept while it does not change (one native object per accumulator, not per step).</summary>
        private Scalar RowsScalar(long value)
        {
            if (rowsScalar is null || rowsScalarValue != value)
            {
                rowsScalar?.Dispose();
                rowsScalar = ((double)value).ToScalar();
                rowsScalarValue = value;
            }

            return rowsScalar;
        }

        /// <summary>
        /// The task-specific metrics from host copies: <paramref name="mask"/> per row, <paramref name="output"/> row-major
        /// with <paramref name="width"/> values per row, and the label buffer (to be copied with the dtype the task needs).
        /// </summary>
        private protected abstract TaskMetrics ComputeCore(double loss, long count, ReadOnlySpan<bool> mask, ReadOnlySpan<double> output, int width, RowBuffer labels);
    }
}
