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
        private Tensor? weightCorrection;
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
        /// and no host sync: the rows are copied into growing buffers, the loss weighted by the batch's present rows (or the sum
        /// of their loss weights) is added in place, and a mask buffer exists only once some batch has a mask.
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
            AppendMask(target.Mask, n, output.device);
            using var rowWeights = Task.LossWeightsOfRows(target, lossSum.device);
            if (rowWeights is not null)
            {
                AddWeighted(value, rowWeights, target.Mask, n);
            }
            else if (target.Mask is null)
            {
                lossSum.add_(value, RowsScalar(n));
            }
            else
            {
                using var present = target.Mask.sum(type: ScalarType.Float64);
                using var presentOnDevice = present.to(lossSum.device);
                using var weighted = value.mul(presentOnDevice);
                lossSum.add_(weighted, Scalars.One);
            }

            rows += n;
        }

        /// <summary>Appends the batch's mask (all true when it has none) once some batch has had a mask.</summary>
        private void AppendMask(Tensor? mask, long n, Device device)
        {
            if (mask is null && masks is null)
            {
                return;
            }

            if (masks is null)
            {
                masks = new RowBuffer();
                if (rows > 0)
                {
                    using var earlier = torch.ones(rows, dtype: ScalarType.Bool, device: device);
                    masks.Append(earlier);
                }
            }

            if (mask is null)
            {
                using var ones = torch.ones(n, dtype: ScalarType.Bool, device: device);
                masks.Append(ones);
            }
            else
            {
                masks.Append(mask);
            }
        }

        /// <summary>
        /// A batch whose rows weigh differently in the loss: its loss counts with the sum W of its present rows' weights, and
        /// the denominator's correction gains W minus its present count, so that the pass's loss is the weighted mean over all
        /// its rows, as if they were one batch.
        /// </summary>
        private void AddWeighted(Tensor value, Tensor rowWeights, Tensor? mask, long n)
        {
            using var maskOnDevice = mask?.to(rowWeights.device);
            using var absent = maskOnDevice?.logical_not();
            using var kept = absent is null ? rowWeights.alias() : rowWeights.masked_fill(absent, Scalars.Zero);
            using var total = kept.sum();
            using var present = maskOnDevice?.sum(type: ScalarType.Float64) ?? torch.tensor((double)n, ScalarType.Float64, device: rowWeights.device);
            using var weighted = value.mul(total);
            lossSum!.add_(weighted, Scalars.One);
            weightCorrection ??= torch.zeros(Array.Empty<long>(), ScalarType.Float64, device: rowWeights.device).DetachFromDisposeScope();
            using var difference = total.sub(present);
            weightCorrection.add_(difference, Scalars.One);
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
                var denominator = count + (weightCorrection is null ? 0.0 : weightCorrection.ToDouble());
                // A task with no present label in the pass has no loss: NaN, never 0 (which would read as a perfect fit).
                // Present rows that all weigh 0 added 0 to every step's loss, and so to the pass's.
                var loss = count == 0 ? double.NaN : denominator > 0 ? sum / denominator : 0;
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
            weightCorrection?.Dispose();
            weightCorrection = null;
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
