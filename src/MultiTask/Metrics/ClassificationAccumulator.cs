using System;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// Accuracy, macro-F1 and top-k accuracy of a <see cref="ClassificationTask"/>, from running counts on the device: rows
    /// correct and in the top k, and per class the true positives, false positives and false negatives.
    /// </summary>
    internal sealed class ClassificationAccumulator : MetricAccumulator
    {
        private const int TruePositive = 0;
        private const int FalsePositive = 1;
        private const int FalseNegative = 2;
        private static readonly Scalar FirstClass = 0L.ToScalar();

        private readonly ClassificationTask task;
        private readonly Scalar classes;
        private readonly Scalar topK;
        private Scalar? lastColumn;
        private Tensor? correct;
        private Tensor? inTopK;
        private Tensor? perClass;

        public ClassificationAccumulator(ClassificationTask task)
            : base(task)
        {
            this.task = task;
            classes = task.Classes.ToScalar();
            topK = task.TopK.ToScalar();
        }

        private protected override void AddRows(Tensor output, Tensor labels, Tensor? mask, long n)
        {
            using var scores = output.reshape(n, -1);
            var device = scores.device;
            var width = scores.size(1);
            lastColumn ??= (width - 1).ToScalar();
            correct ??= RunningSum(ScalarType.Int64, device);
            inTopK ??= RunningSum(ScalarType.Int64, device);
            perClass ??= RunningSum(ScalarType.Int64, device, 3, Math.Max(width, task.Classes));

            using var label = labels.reshape(n).to(ScalarType.Int64);
            using var present = mask?.reshape(n) ?? torch.ones(n, ScalarType.Bool, device: device);
            using var notNegative = label.ge(FirstClass);
            using var belowClasses = label.lt(classes);
            using var inRange = notNegative.logical_and(belowClasses);
            using var valid = inRange.logical_and(present);
            // argmax takes the first of tied maxima, as a strict comparison scanning up from class 0 does.
            using var predicted = scores.argmax(1L);
            using var same = predicted.eq(label);
            using var hit = same.logical_and(valid);
            using var notHit = hit.logical_not();
            using var wrong = notHit.logical_and(present);
            using var missed = notHit.logical_and(valid);

            // The label is in the top k when fewer than k classes score strictly higher (ties count in its favour).
            using var column = label.clamp(FirstClass, lastColumn);
            using var columns = column.unsqueeze(1);
            using var labelScore = scores.gather(1, columns);
            using var higherScores = scores.gt(labelScore);
            using var higher = higherScores.sum(1L, type: ScalarType.Int64);
            using var withinK = higher.lt(topK);
            using var top = withinK.logical_and(valid);

            AddCount(correct, hit);
            AddCount(inTopK, top);
            AddPerClass(TruePositive, predicted, hit);
            AddPerClass(FalsePositive, predicted, wrong);
            AddPerClass(FalseNegative, column, missed);
        }

        private static void AddCount(Tensor total, Tensor rows)
        {
            using var count = rows.sum(type: ScalarType.Int64);
            total.add_(count, CountOne);
        }

        private void AddPerClass(int counter, Tensor classOfRow, Tensor rows)
        {
            using var ones = rows.to(ScalarType.Int64);
            using var counts = perClass!.select(0, counter);
            counts.scatter_add_(0, classOfRow, ones);
        }

        private protected override TaskMetrics ComputeCore(double loss, long count)
        {
            var k = task.TopK;
            if (count == 0 || perClass is null)
            {
                return new ClassificationMetrics(task.Name, loss, count, double.NaN, double.NaN, double.NaN, k);
            }

            using var hostCounts = perClass.to(ScalarType.Int64, torch.CPU);
            var counts = HostSpan<long>(hostCounts);
            var stride = (int)perClass.size(1);
            double f1Sum = 0;
            var f1Classes = 0;
            for (var c = 0; c < task.Classes; c++)
            {
                var truePositive = counts[TruePositive * stride + c];
                var denominator = 2 * truePositive + counts[FalsePositive * stride + c] + counts[FalseNegative * stride + c];
                if (denominator == 0)
                {
                    continue; // absent from both labels and predictions: excluded, as scikit-learn does
                }

                f1Sum += 2.0 * truePositive / denominator;
                f1Classes++;
            }

            var accuracy = (double)correct!.item<long>() / count;
            var topKAccuracy = (double)inTopK!.item<long>() / count;
            var macroF1 = f1Classes == 0 ? double.NaN : f1Sum / f1Classes;
            return new ClassificationMetrics(task.Name, loss, count, accuracy, macroF1, topKAccuracy, k);
        }

        private protected override void ReleaseRows()
        {
            correct?.Dispose();
            inTopK?.Dispose();
            perClass?.Dispose();
            correct = inTopK = perClass = null;
            lastColumn?.Dispose();
            lastColumn = null;
            classes.Dispose();
            topK.Dispose();
        }
    }
}
