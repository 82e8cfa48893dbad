using System;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// Collects a task's metrics and losses across batches. <see cref="Add"/> updates running sums on the output's device
    /// without a host sync (memory bounded by the task's width, not the pass's rows, save what a metric needs per row);
    /// <see cref="Compute"/> copies them to the CPU at the pass's end. Masked rows never count.
    /// </summary>
    public abstract class MetricAccumulator : IDisposable
    {
        /// <summary>1 as an integral Scalar: the alpha that adds to an integral count (a floating one is refused).</summary>
        private protected static readonly Scalar CountOne = 1L.ToScalar();

        private long unmaskedRows;
        private Tensor? maskedPresent;
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
        /// and no host sync: the task's running sums grow in place, and the loss weighted by the batch's present rows (or the
        /// sum of their loss weights) is added in place.
        /// </summary>
        public void Add(Tensor output, TaskTarget target, Tensor loss)
        {
            ArgumentNullException.ThrowIfNull(output);
            ArgumentNullException.ThrowIfNull(target);
            ArgumentNullException.ThrowIfNull(loss);
            ObjectDisposedException.ThrowIf(disposed, this);
            using var noGrad = torch.no_grad();
            var n = output.size(0);
            using var mask = target.Mask?.to(output.device);
            CountPresent(mask, n);
            AddRows(output, target.Labels, mask, n);
            lossSum ??= torch.zeros(Array.Empty<long>(), ScalarType.Float64, device: loss.device).DetachFromDisposeScope();
            using var flat = loss.dim() == 0 ? null : loss.reshape(Array.Empty<long>());
            var value = flat ?? loss;
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
        }

        /// <summary>Counts the batch's present rows: on the host when it has no mask, else on the device.</summary>
        private void CountPresent(Tensor? mask, long n)
        {
            if (mask is null)
            {
                unmaskedRows += n;
                return;
            }

            maskedPresent ??= torch.zeros(Array.Empty<long>(), ScalarType.Int64, device: mask.device).DetachFromDisposeScope();
            using var present = mask.sum(type: ScalarType.Int64);
            maskedPresent.add_(present, CountOne);
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

        /// <summary>Copies the sums to the CPU and computes the metrics over present rows.</summary>
        public TaskMetrics Compute()
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            var count = unmaskedRows + (maskedPresent is null ? 0 : maskedPresent.item<long>());
            var sum = lossSum is null ? 0.0 : lossSum.ToDouble();
            var denominator = count + (weightCorrection is null ? 0.0 : weightCorrection.ToDouble());
            // A task with no present label in the pass has no loss: NaN, never 0 (which would read as a perfect fit).
            // Present rows that all weigh 0 added 0 to every step's loss, and so to the pass's.
            var loss = count == 0 ? double.NaN : denominator > 0 ? sum / denominator : 0;
            return ComputeCore(loss, count);
        }

        /// <summary>The elements of a contiguous CPU tensor, read in place (valid while the tensor lives).</summary>
        private protected static ReadOnlySpan<T> HostSpan<T>(Tensor cpu)
            where T : unmanaged
            => MemoryMarshal.Cast<byte, T>(cpu.bytes);

        /// <summary>A zero-filled running sum of <paramref name="shape"/>, outside every dispose scope.</summary>
        private protected static Tensor RunningSum(ScalarType dtype, Device device, params long[] shape)
            => torch.zeros(shape, dtype, device: device).DetachFromDisposeScope();

        /// <summary>The present rows as a <c>[n, 1]</c> mask that broadcasts over a row's outputs (all rows when <paramref name="mask"/> is null).</summary>
        private protected static Tensor PresentRows(Tensor? mask, long n, Device device)
            => mask is null ? torch.ones(new[] { n, 1L }, ScalarType.Bool, device: device) : mask.reshape(n, 1);

        /// <summary>Releases the device buffers.</summary>
        public void Dispose()
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            ReleaseRows();
            maskedPresent?.Dispose();
            maskedPresent = null;
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
        /// Adds a batch's rows to the task's running sums on the output's device, without a host sync: <paramref name="output"/>
        /// and <paramref name="labels"/> have <paramref name="n"/> rows; <paramref name="mask"/> (on the output's device) marks
        /// the present ones, or is null when all are.
        /// </summary>
        private protected abstract void AddRows(Tensor output, Tensor labels, Tensor? mask, long n);

        /// <summary>The task-specific metrics from the running sums, over <paramref name="count"/> present rows.</summary>
        private protected abstract TaskMetrics ComputeCore(double loss, long count);

        /// <summary>Releases the running sums.</summary>
        private protected abstract void ReleaseRows();
    }
}
