using System;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// A regression task: output <c>[N]</c> (one output) or <c>[N, m]</c>, target of the same shape; MSE, L1 or Huber loss,
    /// averaged over present rows and outputs.
    /// </summary>
    public sealed class RegressionTask : TaskDefinition<RegressionMetrics>
    {
        /// <summary>Creates the task.</summary>
        /// <param name="name">Task name.</param>
        /// <param name="outputs">Number of regression outputs m.</param>
        /// <param name="loss">The loss function.</param>
        /// <param name="huberDelta">Delta of the Huber loss.</param>
        /// <param name="weight">Weight of the loss in the declared total (<see cref="TaskDefinition.Weight"/>).</param>
        public RegressionTask(string name, int outputs = 1, RegressionLoss loss = RegressionLoss.Mse, double huberDelta = 1, double weight = 1)
            : base(name, weight)
        {
            if (outputs < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(outputs), outputs, "A regression task needs at least one output.");
            }

            if (!(huberDelta > 0))
            {
                throw new ArgumentOutOfRangeException(nameof(huberDelta), huberDelta, "The Huber delta must be positive.");
            }

            if (!Enum.IsDefined(loss))
            {
                throw new ArgumentOutOfRangeException(nameof(loss), loss, "Unknown regression loss.");
            }

            Outputs = outputs;
            LossKind = loss;
            HuberDelta = huberDelta;
        }

        /// <summary>Number of outputs m.</summary>
        public int Outputs { get; }

        /// <summary>The loss function.</summary>
        public RegressionLoss LossKind { get; }

        /// <summary>Delta of the Huber loss.</summary>
        public double HuberDelta { get; }

        private long[] Trailing => Outputs == 1 ? [] : [Outputs];

        /// <inheritdoc />
        public override Tensor Loss(Tensor output, TaskTarget target)
        {
            CheckOutput(output, Trailing);
            var (values, mask, weights) = CheckTarget(output, target, Trailing, integral: false, "Float32");
            using var values0 = values.to(output.dtype, output.device);
            using var maskOnDevice = mask?.to(output.device);
            using var labels = FillAbsent(values0, maskOnDevice, 0);
            // Without a mask, the mean over rows of per-row means is the mean over all elements (every row has the same width).
            var fused = CanReduceInPlace(output, maskOnDevice, weights);
            var reduction = fused ? nn.Reduction.Mean : nn.Reduction.None;
            var elementwise = LossKind switch
            {
                RegressionLoss.Mse => nn.functional.mse_loss(output, labels, reduction),
                RegressionLoss.L1 => nn.functional.l1_loss(output, labels, reduction),
                _ => nn.functional.huber_loss(output, labels, HuberDelta, reduction),
            };
            if (fused)
            {
                return elementwise;
            }

            using var disposeElementwise = elementwise;
            using var perRow = Outputs == 1 ? elementwise.alias() : elementwise.mean([1]);
            return WeightedMean(perRow, maskOnDevice, weights);
        }

        /// <summary>The output itself (regression heads predict values directly).</summary>
        public RegressionPrediction Predict(Tensor output)
        {
            CheckOutput(output, Trailing);
            return new RegressionPrediction(output);
        }

        /// <inheritdoc />
        public override MetricAccumulator CreateAccumulator() => new RegressionAccumulator(this);

        /// <summary>Finite floating-point values <c>[N]</c> (one output) or <c>[N, m]</c> where present.</summary>
        private protected override Tensor CheckedLabels(Tensor labels, Tensor? mask)
        {
            var shapeOk = Outputs == 1 ? labels.dim() == 1 : labels.dim() == 2 && labels.size(1) == Outputs;
            if (!shapeOk)
            {
                throw DataError($"expected values of shape {(Outputs == 1 ? "[N]" : $"[N, {Outputs}]")}, got {Shapes.Format(labels)}");
            }

            if (!torch.is_floating_point(labels))
            {
                throw DataError($"expected values of dtype Float32, got {labels.dtype}");
            }

            using var finite = labels.isfinite();
            using var nonFinite = finite.logical_not();
            if (FirstPresent(nonFinite, mask) is { } at)
            {
                var where = Outputs == 1 ? $"row {at.Row}" : $"row {at.Row}, column {at.Column}";
                throw DataError($"value {ValueAt(labels, at.Row, at.Column)} at {where} of the data set is not finite; a row without a value needs a mask");
            }

            return labels;
        }
    }
}
