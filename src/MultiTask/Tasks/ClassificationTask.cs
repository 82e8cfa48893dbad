using System;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// A k-class classification task: output <c>[N, classes]</c> logits, target int64 <c>[N]</c> class indices;
    /// softmax cross-entropy with optional label smoothing.
    /// </summary>
    public sealed class ClassificationTask : TaskDefinition<ClassificationMetrics>
    {
        /// <summary>Creates the task.</summary>
        /// <param name="name">Task name.</param>
        /// <param name="classes">Number of classes (at least 2).</param>
        /// <param name="labelSmoothing">Label smoothing in [0, 1).</param>
        /// <param name="topK">k of the top-k accuracy metric (capped at <paramref name="classes"/>).</param>
        /// <param name="weight">Weight of the loss in the declared total (<see cref="TaskDefinition.Weight"/>).</param>
        public ClassificationTask(string name, int classes, double labelSmoothing = 0, int topK = 5, double weight = 1)
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

            Classes = classes;
            LabelSmoothing = labelSmoothing;
            TopK = Math.Min(topK, classes);
        }

        /// <summary>Number of classes.</summary>
        public int Classes { get; }

        /// <summary>Label smoothing of the cross-entropy.</summary>
        public double LabelSmoothing { get; }

        /// <summary>k of the top-k accuracy (at most <see cref="Classes"/>).</summary>
        public int TopK { get; }

        /// <inheritdoc />
        public override Tensor Loss(Tensor output, TaskTarget target)
        {
            CheckOutput(output, [Classes]);
            var (values, mask) = CheckTarget(output, target, [], integral: true, "Int64 (class indices)");
            using var onDevice = values.to(output.device);
            using var maskOnDevice = mask?.to(output.device);
            using var labels = FillAbsent(onDevice, maskOnDevice, 0);
            var fused = CanReduceInPlace(output, maskOnDevice);
            Tensor perRow;
            try
            {
                perRow = nn.functional.cross_entropy(output, labels, reduction: fused ? nn.Reduction.Mean : nn.Reduction.None, label_smoothing: LabelSmoothing);
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
            {
                return MaskedMean(perRow, maskOnDevice);
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
                    return DataError($"class label {labels[i]} at row {i} is outside the range [0, {Classes})", inner);
                }
            }

            return DataError($"cross-entropy failed: {inner.Message}", inner);
        }
    }
}
