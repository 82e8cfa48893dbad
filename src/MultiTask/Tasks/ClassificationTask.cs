using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// A k-class classification task: output <c>[N, classes]</c> logits, target int64 <c>[N]</c> class indices;
    /// softmax cross-entropy with optional label smoothing and class weights.
    /// </summary>
    public sealed class ClassificationTask : TaskDefinition<ClassificationMetrics>
    {
        /// <summary>Creates the task.</summary>
        /// <param name="name">Task name.</param>
        /// <param name="classes">Number of classes (at least 2).</param>
        /// <param name="labelSmoothing">Label smoothing in [0, 1).</param>
        /// <param name="topK">k of the top-k accuracy metric (capped at <paramref name="classes"/>).</param>
        /// <param name="weight">Weight of the loss in the declared total (<see cref="TaskDefinition.Weight"/>).</param>
        /// <param name="classWeights">Each class's weight in the cross-entropy (<paramref name="classes"/> finite values &gt; 0); null for 1 each.</param>
        public ClassificationTask(string name, int classes, double labelSmoothing = 0, int topK = 5, double weight = 1, IReadOnlyList<double>? classWeights = null)
            : base(name, weight)
        {
            if (classes < 2)
            {
                throw new ArgumentOutOfRangeException(nameof(classes), classes, "A classification task needs at least 2 classes.");
            }

            if (labelSmoothing < 0 || labelSmoothing >= 1)
            {
                throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, "Label smoothing must be in [0, 1).");
            }

            if (topK < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(topK), topK, "topK must be at least 1.");
            }

            if (classWeights is not null && (classWeights.Count != classes || classWeights.Any(w => !(w > 0) || double.IsInfinity(w))))
            {
                throw new ArgumentOutOfRangeException(nameof(classWeights), $"Task '{name}': expected {classes} class weights, each finite and > 0; got [{string.Join(", ", classWeights)}].");
            }

            Classes = classes;
            LabelSmoothing = labelSmoothing;
            TopK = Math.Min(topK, classes);
            classWeightValues = classWeights?.ToArray();
        }

        /// <summary>Number of classes.</summary>
        public int Classes { get; }

        /// <summary>Label smoothing of the cross-entropy.</summary>
        public double LabelSmoothing { get; }

        /// <summary>k of the top-k accuracy (at most <see cref="Classes"/>).</summary>
        public int TopK { get; }

        /// <summary>
        /// Each class's weight in the cross-entropy, or null: a row's loss is multiplied by its label's weight and the mean
        /// divides by the sum of those weights (PyTorch's <c>cross_entropy(weight=...)</c>).
        /// </summary>
        public IReadOnlyList<double>? ClassWeights => classWeightValues;

        private readonly double[]? classWeightValues;

        // No ignore index: PyTorch's default (-100) would drop such labels silently; a missing label is a mask.
        private const long NoIgnoreIndex = long.MinValue;

        /// <inheritdoc />
        public override Tensor Loss(Tensor output, TaskTarget target)
        {
            CheckOutput(output, [Classes]);
            var (values, mask, weights) = CheckTarget(output, target, [], integral: true, "Int64 (class indices)");
            using var onDevice = values.to(output.device);
            using var maskOnDevice = mask?.to(output.device);
            using var labels = FillAbsent(onDevice, maskOnDevice, 0);
            using var classWeights = classWeightValues is null ? null : torch.tensor(classWeightValues, dtype: output.dtype, device: output.device);
            var fused = CanReduceInPlace(output, maskOnDevice, weights);
            Tensor perRow;
            try
            {
                perRow = nn.functional.cross_entropy(output, labels, classWeights, NoIgnoreIndex, fused ? nn.Reduction.Mean : nn.Reduction.None, LabelSmoothing);
            }
            catch (Exception e) when (IsTorchError(e))
            {
                throw LabelError(values, mask, e);
            }

            if (fused)
            {
                return perRow;
            }

            using (perRow)
            using (var rowClassWeights = classWeights?.index_select(0, labels))
            {
                return WeightedMean(perRow, maskOnDevice, weights, rowClassWeights);
            }
        }

        /// <summary>Softmax probabilities <c>[N, k]</c> and the argmax class <c>[N]</c>.</summary>
        public ClassificationPrediction Predict(Tensor logits)
        {
            CheckOutput(logits, [Classes]);
            return new ClassificationPrediction(logits.softmax(1), logits.argmax(1));
        }

        /// <inheritdoc />
        public override MetricAccumulator CreateAccumulator() => new ClassificationAccumulator(this);

        /// <summary>Each row's sample weight times its label's class weight (the cross-entropy's denominator), or null.</summary>
        internal override Tensor? LossWeightsOfRows(TaskTarget target, Device device)
        {
            if (classWeightValues is null)
            {
                return base.LossWeightsOfRows(target, device);
            }

            using var classWeights = torch.tensor(classWeightValues, ScalarType.Float64, device: device);
            using var values = target.Labels.to(device);
            using var mask = target.Mask?.to(device);
            using var labels = FillAbsent(values, mask, 0);
            var perRow = classWeights.index_select(0, labels);
            if (target.Weights is null)
            {
                return perRow;
            }

            using (perRow)
            using (var sampleWeights = target.Weights.to(ScalarType.Float64, device))
            {
                return perRow.mul(sampleWeights);
            }
        }

        /// <summary>Class indices <c>[N]</c> in [0, k) where present; other integer dtypes become int64.</summary>
        private protected override Tensor CheckedLabels(Tensor labels, Tensor? mask)
        {
            if (labels.dim() != 1)
            {
                throw DataError($"expected class indices of shape [N], got {Shapes.Format(labels)}");
            }

            if (torch.is_floating_point(labels) || torch.is_complex(labels) || labels.dtype == ScalarType.Bool)
            {
                throw DataError($"expected class indices of an integer dtype (Int64; TaskTarget.Classes takes long[]), got {labels.dtype}");
            }

            using var below = labels.lt(0);
            using var above = labels.ge(Classes);
            using var outside = below.logical_or(above);
            if (FirstPresent(outside, mask) is { } at)
            {
                var value = ValueAt(labels, at.Row, 0);
                throw DataError($"class label {value} at row {at.Row} of the data set is outside the range [0, {Classes}); a row without a label needs a mask, not a special value");
            }

            return labels.dtype == ScalarType.Int64 ? labels : labels.to(ScalarType.Int64);
        }

        private TaskDataException LabelError(Tensor values, Tensor? mask, Exception inner)
        {
            // Only on the failure path: copy the labels to the host to name the offending one.
            using var cpuValues = values.cpu();
            var labels = cpuValues.data<long>().ToArray();
            bool[]? present = null;
            if (mask is not null)
            {
                using var cpuMask = mask.cpu();
                present = cpuMask.data<bool>().ToArray();
            }

            for (var i = 0; i < labels.Length; i++)
            {
                if ((present is null || present[i]) && (labels[i] < 0 || labels[i] >= Classes))
                {
                    return DataError($"class label {labels[i]} at row {i} of the batch is outside the range [0, {Classes})", inner);
                }
            }

            return DataError($"cross-entropy failed: {inner.Message}", inner);
        }
    }
}
