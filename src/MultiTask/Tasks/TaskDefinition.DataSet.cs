using System;
using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>A task's checks of a whole data set's target, before batching: row numbers are the data set's, not a batch's.</summary>
    public abstract partial class TaskDefinition
    {
        /// <summary>
        /// Checks the target of a data set whose input has <paramref name="rows"/> rows (what <c>Batch.From</c> does for every
        /// task): the labels, the mask and the weights have that many rows; the labels' shape, dtype and values suit the task
        /// (checked over the present rows); weights are finite and at least 0. One device sync per check.
        /// </summary>
        /// <returns><paramref name="target"/>, or a copy whose labels (or weights) are converted to the task's dtype where that is lossless.</returns>
        /// <exception cref="TaskDataException">The first problem found, naming the task and, for a bad value, its row.</exception>
        public TaskTarget CheckDataSet(TaskTarget target, long rows)
        {
            ArgumentNullException.ThrowIfNull(target);
            if (target.Labels.dim() == 0 || target.Rows != rows)
            {
                throw DataError($"the input has {rows} rows but the target has {(target.Labels.dim() == 0 ? "a single value" : target.Rows.ToString(CultureInfo.InvariantCulture))}");
            }

            if (target.Mask is { } mask && mask.dim() == 1 && mask.size(0) != rows)
            {
                throw DataError($"the input has {rows} rows but the mask has {mask.size(0)}");
            }

            if (target.Weights is { } weights && weights.dim() == 1 && weights.size(0) != rows)
            {
                throw DataError($"the input has {rows} rows but the weights have {weights.size(0)}");
            }

            CheckMask(target.Mask, rows);
            CheckWeightsShape(target.Weights, rows);
            CheckWeightValues(target.Weights, target.Mask);
            var labels = CheckedLabels(target.Labels, target.Mask);
            return ReferenceEquals(labels, target.Labels) ? target : new TaskTarget(labels, target.Mask, target.Weights);
        }

        /// <summary>
        /// The task's check of a data set's labels (<c>[rows, ...]</c>, any dtype) over the present rows: the labels themselves,
        /// or a lossless conversion to the dtype the loss needs. The default accepts anything.
        /// </summary>
        private protected virtual Tensor CheckedLabels(Tensor labels, Tensor? mask) => labels;

        /// <summary>The data set's row and column of the first true element of <paramref name="bad"/> (<c>[N]</c> or <c>[N, m]</c>) among present rows, or null.</summary>
        internal static (long Row, long Column)? FirstPresent(Tensor bad, Tensor? mask)
        {
            using var present = mask is null ? null : bad.dim() == 1 ? mask.alias() : mask.reshape(mask.size(0), 1);
            using var flagged = present is null ? bad.alias() : bad.logical_and(present);
            using var flat = flagged.flatten();
            using var found = flat.nonzero();
            if (found.size(0) == 0)
            {
                return null;
            }

            using var first = found.cpu();
            var index = first.data<long>()[0];
            var width = bad.dim() == 1 ? 1 : bad.numel() / Math.Max(bad.size(0), 1);
            return (index / width, index % width);
        }

        /// <summary>Element <paramref name="row"/>, <paramref name="column"/> of <paramref name="values"/>, printed for a message.</summary>
        private protected static string ValueAt(Tensor values, long row, long column)
        {
            using var flat = values.flatten();
            var width = values.dim() == 1 ? 1 : values.numel() / Math.Max(values.size(0), 1);
            using var element = flat[(row * width) + column];
            return torch.is_floating_point(element)
                ? element.ToDouble().ToString("R", CultureInfo.InvariantCulture)
                : element.ToInt64().ToString(CultureInfo.InvariantCulture);
        }

        private void CheckWeightValues(Tensor? weights, Tensor? mask)
        {
            if (weights is null)
            {
                return;
            }

            using var finite = weights.isfinite();
            using var negative = weights.lt(0);
            using var infinite = finite.logical_not();
            using var bad = infinite.logical_or(negative);
            if (FirstPresent(bad, mask) is { } at)
            {
                throw DataError($"weight {ValueAt(weights, at.Row, 0)} at row {at.Row} of the data set is invalid; a row's weight must be finite and at least 0");
            }
        }
    }
}
