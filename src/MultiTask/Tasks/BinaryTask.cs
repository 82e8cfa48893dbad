using System;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// A binary task: output <c>[N]</c> logits, target float <c>[N]</c> of 0/1; binary cross-entropy with logits
    /// and an optional positive-class weight.
    /// </summary>
    public sealed class BinaryTask : TaskDefinition<BinaryMetrics>
    {
        /// <summary>Creates the task.</summary>
        /// <param name="name">Task name.</param>
        /// <param name="positiveWeight">Weight of positive examples (<c>pos_weight</c>); null for 1.</param>
        /// <param name="threshold">Probability at or above which a prediction is positive.</param>
        /// <param name="weight">Weight of the loss in the declared total (<see cref="TaskDefinition.Weight"/>).</param>
        public BinaryTask(string name, double? positiveWeight = null, double threshold = 0.5, double weight = 1)
            : base(name, weight)
        {
            if (positiveWeight is <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(positiveWeight), positiveWeight, "The positive weight must be positive.");
            }

            if (threshold is <= 0 or >= 1 || double.IsNaN(threshold))
            {
                throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be in (0, 1).");
            }

            PositiveWeight = positiveWeight;
            Threshold = threshold;
        }

        /// <summary>Weight of positive examples, or null.</summary>
        public double? PositiveWeight { get; }

        /// <summary>Decision threshold on the probability.</summary>
        public double Threshold { get; }

        /// <inheritdoc />
        public override Tensor Loss(Tensor output, TaskTarget target)
        {
            CheckOutput(output, []);
            var (values, mask, weights) = CheckTarget(output, target, [], integral: false, "Float32 (0 or 1)");
            using var labels0 = values.to(output.dtype, output.device);
            using var maskOnDevice = mask?.to(output.device);
            using var labels = FillAbsent(labels0, maskOnDevice, 0);
            using var posWeight = PositiveWeight is { } w ? torch.tensor(w, dtype: output.dtype, device: output.device) : null;
            if (CanReduceInPlace(output, maskOnDevice, weights))
            {
                return nn.functional.binary_cross_entropy_with_logits(output, labels, reduction: nn.Reduction.Mean, pos_weights: posWeight);
            }

            using var perRow = nn.functional.binary_cross_entropy_with_logits(output, labels, reduction: nn.Reduction.None, pos_weights: posWeight);
            return WeightedMean(perRow, maskOnDevice, weights);
        }

        /// <summary>Sigmoid probabilities <c>[N]</c> and bool labels <c>[N]</c> (probability at or above <see cref="Threshold"/>).</summary>
        public BinaryPrediction Predict(Tensor logits)
        {
            CheckOutput(logits, []);
            var probabilities = logits.sigmoid();
            return new BinaryPrediction(probabilities, probabilities.ge(Threshold));
        }

        /// <inheritdoc />
        public override MetricAccumulator CreateAccumulator() => new BinaryAccumulator(this);

        /// <summary>Labels <c>[N]</c> of 0 or 1 where present; bool, integer and other floating dtypes become float32 (0 and 1 are exact in each).</summary>
        private protected override Tensor CheckedLabels(Tensor labels, Tensor? mask)
        {
            if (labels.dim() != 1)
            {
                throw DataError($"expected labels of shape [N], got {Shapes.Format(labels)}");
            }

            if (torch.is_complex(labels))
            {
                throw DataError($"expected labels 0 or 1 of dtype Float32, got {labels.dtype}");
            }

            using var notZero = labels.ne(0);
            using var notOne = labels.ne(1);
            using var other = notZero.logical_and(notOne);
            if (FirstPresent(other, mask) is { } at)
            {
                throw DataError($"binary label {ValueAt(labels, at.Row, 0)} at row {at.Row} of the data set is neither 0 nor 1");
            }

            return labels.dtype == ScalarType.Float32 ? labels : labels.to(ScalarType.Float32);
        }
    }
}
