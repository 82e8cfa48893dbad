using System;
using System.Linq;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// One task: its loss (mean over rows whose label is present, weighted by the rows' weights when the target has them;
    /// exactly 0, with a gradient path, when no row is present) and its metrics.
    /// </summary>
    public abstract partial class TaskDefinition
    {
        private readonly Scalar? weightScalar;

        /// <summary>Creates a task named <paramref name="name"/> whose loss weighs <paramref name="weight"/> in the declared total.</summary>
        protected TaskDefinition(string name, double weight = 1)
        {
            ArgumentException.ThrowIfNullOrEmpty(name);
            if (!(weight >= 0) || double.IsInfinity(weight))
            {
                throw new ArgumentOutOfRangeException(nameof(weight), weight, $"Task '{name}': the loss weight must be finite and not negative.");
            }

            Name = name;
            Weight = weight;
            // One Scalar for the task's lifetime: a Scalar made per step would be left to the finalizer.
            weightScalar = weight == 1 ? null : weight.ToScalar();
        }

        /// <summary>The task's name (the head's property name).</summary>
        public string Name { get; }

        /// <summary>
        /// The declared weight of the task's loss (<c>[..Head(Weight = w)]</c>): <c>Losses.Total = sum_i w_i L_i + ...</c>, and the
        /// weights of <see cref="StaticWeighting"/>. Adaptive weighting methods compute their own.
        /// </summary>
        public double Weight { get; }

        /// <summary><c>Weight * loss</c> in the graph; <paramref name="loss"/> itself when the weight is 1.</summary>
        public Tensor Weighted(Tensor loss)
        {
            ArgumentNullException.ThrowIfNull(loss);
            return weightScalar is null ? loss : loss.mul(weightScalar);
        }

        /// <summary>The mean loss over present labels; throws <see cref="TaskDataException"/> on bad shapes or dtypes.</summary>
        public abstract Tensor Loss(Tensor output, TaskTarget target);

        /// <summary>
        /// For a model with one input per task: the loss when the batch has the task's output and target, else (the task is
        /// absent from this batch) a zero scalar on the device of <paramref name="model"/>'s parameters that adds nothing and
        /// is never NaN. It requires a gradient, so that a step where no task has data still back-propagates.
        /// </summary>
        /// <exception cref="TaskDataException">Only one of the output and the target is present.</exception>
        public Tensor LossIfPresent(Tensor? output, TaskTarget? target, nn.Module model)
        {
            ArgumentNullException.ThrowIfNull(model);
            if (output is not null && target is not null)
            {
                return Loss(output, target);
            }

            if (output is not null || target is not null)
            {
                throw DataError(output is null ? "the batch has a target but no input" : "the batch has an input but no target");
            }

            var device = model.parameters().FirstOrDefault()?.device ?? torch.CPU;
            return torch.zeros(Array.Empty<long>(), device: device, requires_grad: true);
        }

        /// <summary>
        /// Float64 <c>[N]</c> on <paramref name="device"/>: each row's weight in the denominator of the task's weighted mean loss
        /// (the target's sample weights); null when every row weighs 1. The metric accumulator weighs a batch's loss by their sum.
        /// </summary>
        internal virtual Tensor? LossWeightsOfRows(TaskTarget target, Device device) => target.Weights?.to(ScalarType.Float64, device);

        /// <summary>A new accumulator of this task's metrics.</summary>
        public abstract MetricAccumulator CreateAccumulator();

        /// <inheritdoc />
        public override string ToString() => $"{GetType().Name} '{Name}'";

        /// <summary>A <see cref="TaskDataException"/> whose message starts with <c>Task 'Name': </c>.</summary>
        protected TaskDataException DataError(string message, Exception? inner = null)
            => inner is null ? new TaskDataException($"Task '{Name}': {message}") : new TaskDataException($"Task '{Name}': {message}", inner);

        /// <summary>
        /// Checks <paramref name="target"/> against <paramref name="output"/>: same row count, the values' shape (rows then
        /// <paramref name="trailing"/>) and dtype family, a bool <c>[N]</c> mask and float <c>[N]</c> weights. Returns the values,
        /// the mask and the weights (or nulls).
        /// </summary>
        internal (Tensor Values, Tensor? Mask, Tensor? Weights) CheckTarget(Tensor output, TaskTarget target, long[] trailing, bool integral, string dtypeDescription)
        {
            ArgumentNullException.ThrowIfNull(output);
            ArgumentNullException.ThrowIfNull(target);
            var rows = output.size(0);
            var values = target.Labels;
            var expected = new long[trailing.Length + 1];
            expected[0] = rows;
            Array.Copy(trailing, 0, expected, 1, trailing.Length);
            if (values.dim() >= 1 && values.size(0) != rows)
            {
                throw DataError($"the output has {rows} rows but the target has {values.shape[0]} (target shape {Shapes.Format(values)}, output shape {Shapes.Format(output)})");
            }

            if (!HasShape(values, expected))
            {
                throw DataError($"expected a target of shape {Format(expected)}, got {Shapes.Format(values)}");
            }

            var ok = integral ? values.dtype == ScalarType.Int64 : torch.is_floating_point(values);
            if (!ok)
            {
                throw DataError($"expected a target of dtype {dtypeDescription}, got {values.dtype}");
            }

            CheckMask(target.Mask, rows);
            CheckWeightsShape(target.Weights, rows);
            return (values, target.Mask, target.Weights);
        }

        /// <summary>Throws unless <paramref name="mask"/> is null or a bool <c>[rows]</c>.</summary>
        private void CheckMask(Tensor? mask, long rows)
        {
            if (mask is null)
            {
                return;
            }

            if (mask.dim() != 1 || mask.size(0) != rows)
            {
                throw DataError($"expected a mask of shape [{rows}], got {Shapes.Format(mask)}");
            }

            if (mask.dtype != ScalarType.Bool)
            {
                throw DataError($"expected a mask of dtype Bool, got {mask.dtype}");
            }
        }

        /// <summary>Throws unless <paramref name="weights"/> is null or a floating-point <c>[rows]</c>.</summary>
        private void CheckWeightsShape(Tensor? weights, long rows)
        {
            if (weights is null)
            {
                return;
            }

            if (weights.dim() != 1 || weights.size(0) != rows)
            {
                throw DataError($"expected weights of shape [{rows}], got {Shapes.Format(weights)}");
            }

            if (!torch.is_floating_point(weights))
            {
                throw DataError($"expected weights of a floating-point dtype, got {weights.dtype}");
            }
        }

        /// <summary>Throws unless <paramref name="output"/> has shape <c>[N, trailing...]</c>.</summary>
        internal void CheckOutput(Tensor output, long[] trailing)
        {
            ArgumentNullException.ThrowIfNull(output);
            var ok = output.dim() == trailing.Length + 1;
            for (var i = 0; ok && i < trailing.Length; i++)
            {
                ok = output.size(i + 1) == trailing[i];
            }

            if (!ok)
            {
                var expected = new string[trailing.Length + 1];
                expected[0] = "N";
                for (var i = 0; i < trailing.Length; i++)
                {
                    expected[i + 1] = trailing[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                throw DataError($"expected an output of shape [{string.Join(", ", expected)}], got {Shapes.Format(output)}");
            }
        }

        /// <summary>sum(perRow where present) / max(present count, 1); a scalar with a gradient path even when nothing is present.</summary>
        internal static Tensor MaskedMean(Tensor perRow, Tensor? mask)
        {
            if (mask is null)
            {
                // mean() needs no Scalar (a divisor would be a native object left to the finalizer every step).
                return perRow.size(0) > 0 ? perRow.mean() : perRow.sum();
            }

            using var absent = mask.logical_not();
            using var zero = 0.ToScalar();
            using var one = 1.ToScalar();
            using var kept = perRow.masked_fill(absent, zero);
            using var sum = kept.sum();
            using var count = mask.sum(type: perRow.dtype);
            using var denominator = count.clamp_min(one);
            return sum.div(denominator);
        }

        /// <summary>
        /// The weighted mean <c>sum_i m_i s_i perRow_i / sum_i m_i s_i c_i</c> over present rows (mask m, sample weights s, and
        /// c the class weight of each row's label, which <paramref name="perRow"/> already holds, as cross-entropy's own
        /// weighted mean divides by); 0, with a gradient path, when the denominator is 0. Without any weight:
        /// <see cref="MaskedMean(Tensor, Tensor?)"/>.
        /// </summary>
        internal static Tensor WeightedMean(Tensor perRow, Tensor? mask, Tensor? weights, Tensor? rowClassWeights = null)
        {
            if (weights is null && rowClassWeights is null)
            {
                return MaskedMean(perRow, mask);
            }

            using var zero = 0.ToScalar();
            using var one = 1.ToScalar();
            using var absent = mask?.logical_not();
            using var sampleWeights = weights?.to(perRow.dtype, perRow.device) ?? torch.ones_like(perRow);
            using var kept = absent is null ? sampleWeights.alias() : sampleWeights.masked_fill(absent, zero);
            using var loss = absent is null ? perRow.alias() : perRow.masked_fill(absent, zero);
            using var weighted = loss.mul(kept);
            using var sum = weighted.sum();
            using var denominatorWeights = rowClassWeights is null ? kept.alias() : kept.mul(rowClassWeights);
            using var total = denominatorWeights.sum();
            using var empty = total.eq(zero);
            using var denominator = total.masked_fill(empty, one);
            return sum.div(denominator);
        }

        /// <summary>
        /// True when the loss can be the loss function's own mean reduction (no mask, no sample weights, at least one row): one
        /// fused operation instead of a per-row loss, a sum and a division, with the same value.
        /// </summary>
        internal static bool CanReduceInPlace(Tensor output, Tensor? mask, Tensor? weights) => mask is null && weights is null && output.size(0) > 0;

        /// <summary>Replaces labels of absent rows by <paramref name="fill"/> so that garbage there cannot break the loss.</summary>
        internal static Tensor FillAbsent(Tensor values, Tensor? mask, double fill)
        {
            if (mask is null)
            {
                return values.alias();
            }

            using var absent = mask.logical_not();
            using var scalar = fill.ToScalar();
            if (values.dim() == 1)
            {
                return values.masked_fill(absent, scalar);
            }

            using var broadcast = absent.reshape(values.size(0), 1);
            return values.masked_fill(broadcast, scalar);
        }

        internal static bool IsTorchError(Exception e) => e is ExternalException || e is InvalidOperationException;

        // dim() and size(i) rather than shape: reading Tensor.shape leaves an object to the finalizer on every call.
        private static bool HasShape(Tensor tensor, long[] expected)
        {
            if (tensor.dim() != expected.Length)
            {
                return false;
            }

            for (var i = 0; i < expected.Length; i++)
            {
                if (tensor.size(i) != expected[i])
                {
                    return false;
                }
            }

            return true;
        }

        private static string Format(long[] shape) => "[" + string.Join(", ", shape) + "]";
    }
}
