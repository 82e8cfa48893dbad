using System;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// The labels of one task for a batch: <see cref="Labels"/>, an optional bool <c>[N]</c> <see cref="Mask"/>
    /// (true = label present) and optional float <c>[N]</c> <see cref="Weights"/> (each row's weight in the loss). Rows whose
    /// mask is false never count in losses or metrics and may hold any value.
    /// </summary>
    public sealed class TaskTarget
    {
        /// <summary>Wraps <paramref name="values"/>, an optional <paramref name="mask"/> and optional per-row <paramref name="weights"/>.</summary>
        public TaskTarget(Tensor values, Tensor? mask = null, Tensor? weights = null)
        {
            ArgumentNullException.ThrowIfNull(values);
            Labels = values;
            Mask = mask;
            Weights = weights;
        }

        /// <summary>The labels: int64 <c>[N]</c> classes, float <c>[N]</c> 0/1 labels, or float <c>[N]</c>/<c>[N, m]</c> values.</summary>
        /// <remarks>Named <c>Labels</c> because a property cannot share the name of the <see cref="Values(float[], bool[], float[])"/> factories.</remarks>
        public Tensor Labels { get; }

        /// <summary>Bool <c>[N]</c>, true where the label is present; null when every label is present.</summary>
        public Tensor? Mask { get; }

        /// <summary>
        /// Float <c>[N]</c>, each row's weight (finite, at least 0) in the task's loss, a weighted mean over present rows;
        /// null when every row weighs 1. Metrics stay unweighted.
        /// </summary>
        public Tensor? Weights { get; }

        /// <summary>Number of rows (the first dimension of <see cref="Labels"/>).</summary>
        public long Rows => Labels.dim() == 0 ? 1 : Labels.size(0);

        /// <summary>A target with every label present.</summary>
        public static implicit operator TaskTarget(Tensor values) => new(values);

        /// <summary>The rows <paramref name="rows"/> (int64 indices) of the values, the mask and the weights.</summary>
        public TaskTarget Select(Tensor rows)
        {
            ArgumentNullException.ThrowIfNull(rows);
            var values = IndexSelect(Labels, rows);
            var mask = Mask is null ? null : IndexSelect(Mask, rows);
            var weights = Weights is null ? null : IndexSelect(Weights, rows);
            return new TaskTarget(values, mask, weights);
        }

        /// <summary>The values, the mask and the weights on <paramref name="device"/>.</summary>
        public TaskTarget To(Device device)
        {
            ArgumentNullException.ThrowIfNull(device);
            return new TaskTarget(Labels.to(device), Mask?.to(device), Weights?.to(device));
        }

        /// <summary>
        /// The same labels with every row masked: the task adds nothing to the loss or the shared layers' gradients. Training
        /// a model with some tasks masked out this way trains the group of the others (task selection's pattern).
        /// </summary>
        public TaskTarget MaskedOut() => new(Labels, torch.zeros(Rows, dtype: ScalarType.Bool, device: Labels.device), Weights);

        /// <summary>Class labels: int64 <c>[N]</c>.</summary>
        public static TaskTarget Classes(long[] labels, bool[]? mask = null, float[]? weights = null)
        {
            ArgumentNullException.ThrowIfNull(labels);
            return new TaskTarget(torch.tensor(labels, dtype: ScalarType.Int64), MaskOf(mask, labels.Length), WeightsOf(weights, labels.Length));
        }

        /// <summary>Binary labels of 0 or 1: float32 <c>[N]</c>.</summary>
        public static TaskTarget Binary(float[] labels, bool[]? mask = null, float[]? weights = null)
        {
            ArgumentNullException.ThrowIfNull(labels);
            return new TaskTarget(torch.tensor(labels, dtype: ScalarType.Float32), MaskOf(mask, labels.Length), WeightsOf(weights, labels.Length));
        }

        /// <summary>Binary labels: float32 <c>[N]</c> of 0 (false) and 1 (true).</summary>
        public static TaskTarget Binary(bool[] labels, bool[]? mask = null, float[]? weights = null)
        {
            ArgumentNullException.ThrowIfNull(labels);
            var values = new float[labels.Length];
            for (var i = 0; i < labels.Length; i++)
            {
                values[i] = labels[i] ? 1f : 0f;
            }

            return new TaskTarget(torch.tensor(values, dtype: ScalarType.Float32), MaskOf(mask, labels.Length), WeightsOf(weights, labels.Length));
        }

        /// <summary>Regression values of a single-output task: float32 <c>[N]</c>.</summary>
        public static TaskTarget Values(float[] values, bool[]? mask = null, float[]? weights = null)
        {
            ArgumentNullException.ThrowIfNull(values);
            return new TaskTarget(torch.tensor(values, dtype: ScalarType.Float32), MaskOf(mask, values.Length), WeightsOf(weights, values.Length));
        }

        /// <summary>Regression values of an <c>m</c>-output task: float32 <c>[N, m]</c>.</summary>
        public static TaskTarget Values(float[,] values, bool[]? mask = null, float[]? weights = null)
        {
            ArgumentNullException.ThrowIfNull(values);
            return new TaskTarget(torch.tensor(values, dtype: ScalarType.Float32), MaskOf(mask, values.GetLength(0)), WeightsOf(weights, values.GetLength(0)));
        }

        private static Tensor? MaskOf(bool[]? mask, int rows)
        {
            if (mask is null)
            {
                return null;
            }

            if (mask.Length != rows)
            {
                throw new ArgumentException($"The mask has {mask.Length} entries but there are {rows} labels.", nameof(mask));
            }

            return torch.tensor(mask, dtype: ScalarType.Bool);
        }

        private static Tensor? WeightsOf(float[]? weights, int rows)
        {
            if (weights is null)
            {
                return null;
            }

            if (weights.Length != rows)
            {
                throw new ArgumentException($"The weights have {weights.Length} entries but there are {rows} labels.", nameof(weights));
            }

            return torch.tensor(weights, dtype: ScalarType.Float32);
        }

        private static Tensor IndexSelect(Tensor source, Tensor rows)
        {
            if (rows.device_type == source.device_type && rows.device_index == source.device_index)
            {
                return source.index_select(0, rows);
            }

            using var moved = rows.to(source.device);
            return source.index_select(0, moved);
        }
    }
}
