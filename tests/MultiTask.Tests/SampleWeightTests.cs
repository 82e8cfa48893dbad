using System;
using System.Linq;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.Tests
{
    /// <summary>Per-row sample weights and class weights against the formula computed by hand in doubles.</summary>
    public class SampleWeightTests
    {
        private static readonly float[,] Logits = { { 2, 0, -1 }, { 0.5f, 1.5f, 0 }, { 0, 0, 3 }, { 1, -1, 0 } };
        private static readonly long[] Labels = [0, 1, 2, 1];

        /// <summary>-log softmax(logits[row])[label] in doubles.</summary>
        private static double CrossEntropy(int row)
        {
            var z = Enumerable.Range(0, 3).Select(c => (double)Logits[row, c]).ToArray();
            var logSum = Math.Log(z.Sum(Math.Exp));
            return logSum - z[Labels[row]];
        }

        private static double Loss(ClassificationTask task, TaskTarget target)
        {
            using var output = torch.tensor(Logits);
            using var loss = task.Loss(output, target);
            return loss.ToDouble();
        }

        [Fact]
        public void Classification_loss_is_the_weighted_mean_over_present_rows()
        {
            var s = new[] { 1f, 2f, 0.5f, 3f };
            var present = new[] { true, true, false, true };
            var expected = (1 * CrossEntropy(0) + 2 * CrossEntropy(1) + 3 * CrossEntropy(3)) / (1 + 2 + 3);
            Assert.Equal(expected, Loss(new ClassificationTask("Digit", 3), TaskTarget.Classes(Labels, present, s)), 5);
        }

        [Fact]
        public void Class_weights_weigh_each_row_by_its_label_and_divide_by_their_sum()
        {
            var c = new[] { 1.0, 3.0, 0.5 };
            var task = new ClassificationTask("Digit", 3, classWeights: c);
            var cy = Labels.Select(l => c[l]).ToArray();
            var all = Enumerable.Range(0, 4).Sum(r => cy[r] * CrossEntropy(r)) / cy.Sum();
            Assert.Equal(all, Loss(task, TaskTarget.Classes(Labels)), 5);

            // With a mask and sample weights: sum m s c_y l / sum m s c_y.
            var s = new[] { 2.0, 1.0, 4.0, 0.5 };
            var present = new[] { true, false, true, true };
            double numerator = 0, denominator = 0;
            for (var r = 0; r < 4; r++)
            {
                if (present[r])
                {
                    numerator += s[r] * cy[r] * CrossEntropy(r);
                    denominator += s[r] * cy[r];
                }
            }

            Assert.Equal(numerator / denominator, Loss(task, TaskTarget.Classes(Labels, present, s.Select(w => (float)w).ToArray())), 5);
        }

        [Fact]
        public void Class_weights_with_label_smoothing_agree_with_torchs_own_weighted_mean()
        {
            // No mask: cross-entropy's fused mean; an all-true mask: the per-row path. Both must divide by sum c_y.
            var task = new ClassificationTask("Digit", 3, labelSmoothing: 0.2, classWeights: [1.0, 3.0, 0.5]);
            var fused = Loss(task, TaskTarget.Classes(Labels));
            var perRow = Loss(task, TaskTarget.Classes(Labels, [true, true, true, true]));
            Assert.Equal(fused, perRow, 5);
            Assert.NotEqual(Loss(new ClassificationTask("Digit", 3, labelSmoothing: 0.2), TaskTarget.Classes(Labels)), fused, 3);
        }

        [Fact]
        public void Binary_and_regression_losses_are_weighted_means_of_their_per_row_losses()
        {
            float[] z = [0.3f, -1.2f, 2.0f];
            float[] y = [1, 0, 0];
            float[] s = [2, 1, 0.5f];
            static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
            var bce = Enumerable.Range(0, 3).Select(i => -(2 * y[i] * Math.Log(Sigmoid(z[i])) + (1 - y[i]) * Math.Log(1 - Sigmoid(z[i])))).ToArray();
            using var logits = torch.tensor(z);
            using var binary = new BinaryTask("Flag", positiveWeight: 2).Loss(logits, TaskTarget.Binary(y, weights: s));
            Assert.Equal((2 * bce[0] + 1 * bce[1] + 0.5 * bce[2]) / 3.5, binary.ToDouble(), 5);

            using var predicted = torch.tensor(new float[,] { { 1, 2 }, { 0, 0 }, { 3, -1 } });
            var actual = new float[,] { { 0, 2 }, { 1, 1 }, { 3, 1 } };
            var rowMse = new[] { (1.0 + 0) / 2, (1.0 + 1) / 2, (0.0 + 4) / 2 };
            using var regression = new RegressionTask("Size", outputs: 2).Loss(predicted, TaskTarget.Values(actual, [true, true, false], [3, 1, 10]));
            Assert.Equal((3 * rowMse[0] + 1 * rowMse[1]) / 4, regression.ToDouble(), 5);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void A_pass_loss_over_weighted_batches_is_the_weighted_loss_over_all_their_rows(bool classWeights)
        {
            var task = new ClassificationTask("Digit", 3, classWeights: classWeights ? [1.0, 3.0, 0.5] : null);
            var whole = TaskTarget.Classes(Labels, [true, false, true, true], [2f, 1f, 0.5f, 4f]);
            using var output = torch.tensor(Logits);
            using var accumulator = task.CreateAccumulator();
            foreach (var rows in new[] { new[] { 0L, 1L }, new[] { 2L, 3L } })
            {
                using var index = torch.tensor(rows);
                using var batchOutput = output.index_select(0, index);
                var batch = whole.Select(index);
                using var batchLoss = task.Loss(batchOutput, batch);
                accumulator.Add(batchOutput, batch, batchLoss);
            }

            Assert.Equal(Loss(task, whole), accumulator.Compute().Loss, 5);
        }

        [Fact]
        public void A_pass_mixing_weighted_and_unweighted_batches_counts_an_unweighted_row_as_weight_1()
        {
            var task = new ClassificationTask("Digit", 3);
            using var output = torch.tensor(Logits);
            using var first = output[..2];
            using var second = output[2..];
            using var accumulator = task.CreateAccumulator();
            var plain = TaskTarget.Classes(Labels[..2]);
            var weighted = TaskTarget.Classes(Labels[2..], weights: [3f, 0.5f]);
            using (var loss = task.Loss(first, plain)) accumulator.Add(first, plain, loss);
            using (var loss = task.Loss(second, weighted)) accumulator.Add(second, weighted, loss);

            var expected = Loss(task, TaskTarget.Classes(Labels, weights: [1f, 1f, 3f, 0.5f]));
            Assert.Equal(expected, accumulator.Compute().Loss, 5);
        }

        [Fact]
        public void Weights_that_are_all_zero_give_zero_with_a_gradient_path()
        {
            using var output = torch.tensor(Logits).requires_grad_();
            using var loss = new ClassificationTask("Digit", 3).Loss(output, TaskTarget.Classes(Labels, weights: [0f, 0f, 0f, 0f]));
            Assert.Equal(0, loss.ToDouble());
            loss.backward();
            Assert.All(TestTensors.Floats(output.grad!), g => Assert.Equal(0f, g));
        }

        [Fact]
        public void Weights_follow_the_rows_through_select_and_masking_out()
        {
            var target = TaskTarget.Binary([1f, 0, 1], weights: [1f, 2f, 3f]);
            using var rows = torch.tensor(new[] { 2L, 0L });
            Assert.Equal([3f, 1f], TestTensors.Floats(target.Select(rows).Weights!));
            Assert.Same(target.Weights, target.MaskedOut().Weights);
            var error = Assert.Throws<ArgumentException>(() => TaskTarget.Classes([0, 1], weights: [1f]));
            Assert.StartsWith("The weights have 1 entries but there are 2 labels.", error.Message);
        }

        [Fact]
        public void Class_weights_must_be_one_per_class_and_positive()
        {
            var count = Assert.Throws<ArgumentOutOfRangeException>(() => new ClassificationTask("Digit", 3, classWeights: [1.0, 2.0]));
            Assert.StartsWith("Task 'Digit': expected 3 class weights, each finite and > 0; got [1, 2].", count.Message);
            Assert.Throws<ArgumentOutOfRangeException>(() => new ClassificationTask("Digit", 2, classWeights: [1.0, 0.0]));
            Assert.Throws<ArgumentOutOfRangeException>(() => new ClassificationTask("Digit", 2, classWeights: [1.0, double.PositiveInfinity]));
        }
    }
}
