using System;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.Tests
{
    public class MetricsTests
    {
        private const int Precision = 9;

        [Fact]
        public void Classification_metrics_match_hand_computed_values()
        {
            var task = new ClassificationTask("Digit", 4, topK: 2);
            using var accumulator = task.CreateAccumulator();
            // Batch 1: rows 0-2. Batch 2: rows 3-5, row 5 masked with a garbage label. Class 3 never occurs.
            using var logits1 = torch.tensor(new float[,] { { 2, 1, 0, -5 }, { 2, 1, 0, -5 }, { 0, 1, 2, -5 } });
            using var logits2 = torch.tensor(new float[,] { { 3, 2, 1, -5 }, { 0, 5, 1, -5 }, { 0, 0, 9, -5 } });
            using var loss1 = torch.tensor(1.0f);
            using var loss2 = torch.tensor(2.0f);
            accumulator.Add(logits1, TaskTarget.Classes([0, 1, 2]), loss1);
            accumulator.Add(logits2, TaskTarget.Classes([2, 1, -1], [true, true, false]), loss2);
            var m = Assert.IsType<ClassificationMetrics>(accumulator.Compute());

            // predictions 0,0,2,0,1 for labels 0,1,2,2,1
            Assert.Equal("Digit", m.Task);
            Assert.Equal(5, m.Count);
            Assert.Equal((3 * 1.0 + 2 * 2.0) / 5, m.Loss, Precision);
            Assert.Equal(3.0 / 5, m.Accuracy, Precision);
            Assert.Equal(2, m.K);
            Assert.Equal(4.0 / 5, m.TopKAccuracy, Precision); // row 3: label 2 has two higher scores
            // F1: class 0 = 2*1/(2+2+0), class 1 = 2/(2+0+1), class 2 = 2/(2+0+1); class 3 absent from labels and predictions.
            Assert.Equal((0.5 + 2.0 / 3 + 2.0 / 3) / 3, m.MacroF1, Precision);
        }

        [Fact]
        public void Binary_metrics_match_hand_computed_values()
        {
            var task = new BinaryTask("IsEven");
            using var accumulator = task.CreateAccumulator();
            using var logits = torch.tensor(new[] { 2.0f, -1.0f, 0.5f, 0.5f, -2.0f, 1.0f, -9f });
            using var loss = torch.tensor(0.25f);
            accumulator.Add(logits, TaskTarget.Binary([true, false, true, false, false, true, true], [true, true, true, true, true, true, false]), loss);
            var m = Assert.IsType<BinaryMetrics>(accumulator.Compute());

            // predicted positive: rows 0, 2, 3, 5 (logit >= 0); tp = 3, fp = 1, fn = 0, tn = 2
            Assert.Equal(6, m.Count);
            Assert.Equal(0.25, m.Loss, 6);
            Assert.Equal(5.0 / 6, m.Accuracy, Precision);
            Assert.Equal(3.0 / 4, m.Precision, Precision);
            Assert.Equal(1.0, m.Recall, Precision);
            // positive scores {2, 0.5, 1} vs negative {-1, 0.5, -2}: 3 + 2.5 (one tie) + 3 of 9 pairs
            Assert.Equal(8.5 / 9, m.Auc, Precision);
        }

        [Fact]
        public void Binary_threshold_moves_precision_and_recall()
        {
            var task = new BinaryTask("IsEven", threshold: 0.7); // logit threshold ln(7/3) = 0.847
            using var accumulator = task.CreateAccumulator();
            using var logits = torch.tensor(new[] { 2.0f, -1.0f, 0.5f, 0.5f, -2.0f, 1.0f });
            using var loss = torch.tensor(0f);
            accumulator.Add(logits, TaskTarget.Binary([1f, 0f, 1f, 0f, 0f, 1f]), loss);
            var m = Assert.IsType<BinaryMetrics>(accumulator.Compute());
            Assert.Equal(1.0, m.Precision, Precision);
            Assert.Equal(2.0 / 3, m.Recall, Precision);
            Assert.Equal(5.0 / 6, m.Accuracy, Precision);
        }

        [Fact]
        public void Auc_is_nan_with_one_class_and_handles_ties()
        {
            var task = new BinaryTask("B");
            using (var accumulator = task.CreateAccumulator())
            {
                using var logits = torch.tensor(new[] { 1f, 2f });
                using var loss = torch.tensor(0f);
                accumulator.Add(logits, TaskTarget.Binary([1f, 1f]), loss);
                Assert.True(double.IsNaN(((BinaryMetrics)accumulator.Compute()).Auc));
            }

            using (var accumulator = task.CreateAccumulator())
            {
                using var logits = torch.tensor(new[] { 0f, 0f, 0f, 0f });
                using var loss = torch.tensor(0f);
                accumulator.Add(logits, TaskTarget.Binary([1f, 0f, 1f, 0f]), loss);
                Assert.Equal(0.5, ((BinaryMetrics)accumulator.Compute()).Auc, Precision);
            }
        }

        [Fact]
        public void Regression_metrics_match_hand_computed_values()
        {
            var task = new RegressionTask("Price", outputs: 2);
            using var accumulator = task.CreateAccumulator();
            using var output = torch.tensor(new float[,] { { 1, 2 }, { 3, 4 }, { 5, 6 }, { 100, 100 } });
            using var values = torch.tensor(new float[,] { { 1, 1 }, { 2, 5 }, { 5, 8 }, { float.NaN, 0 } });
            using var mask = torch.tensor(new[] { true, true, true, false });
            using var loss = torch.tensor(7f / 6);
            accumulator.Add(output, new TaskTarget(values, mask), loss);
            var m = Assert.IsType<RegressionMetrics>(accumulator.Compute());

            // errors (0, 1), (1, -1), (0, -2)
            Assert.Equal(3, m.Count);
            Assert.Equal(Math.Sqrt(7.0 / 6), m.Rmse, Precision);
            Assert.Equal(5.0 / 6, m.Mae, Precision);
            // output 0: labels 1, 2, 5 (SStot 78/9, SSres 1); output 1: labels 1, 5, 8 (SStot 222/9, SSres 6)
            Assert.Equal(((1 - 9.0 / 78) + (1 - 54.0 / 222)) / 2, m.R2, Precision);
        }

        [Fact]
        public void Constant_regression_target_follows_scikit_learn()
        {
            var task = new RegressionTask("Price");
            using var accumulator = task.CreateAccumulator();
            using var output = torch.tensor(new[] { 2f, 2f });
            using var loss = torch.tensor(0f);
            accumulator.Add(output, TaskTarget.Values([2f, 2f]), loss);
            Assert.Equal(1.0, ((RegressionMetrics)accumulator.Compute()).R2);
        }

        [Fact]
        public void Accumulator_keeps_detached_tensors_outside_dispose_scopes()
        {
            var task = new RegressionTask("Price");
            using var accumulator = task.CreateAccumulator();
            for (var step = 0; step < 100; step++)
            {
                using var scope = torch.NewDisposeScope();
                using var output = torch.full(3, (float)step, requires_grad: true);
                using var doubled = output.mul(2);
                var target = TaskTarget.Values([0f, 0f, 0f]);
                using var loss = task.Loss(doubled, target);
                accumulator.Add(doubled, target, loss);
            }

            var m = (RegressionMetrics)accumulator.Compute();
            Assert.Equal(300, m.Count);
            double expectedMae = 0;
            for (var step = 0; step < 100; step++)
            {
                expectedMae += 2.0 * step / 100;
            }

            Assert.Equal(expectedMae, m.Mae, 6);
        }

        [Fact]
        public void Accumulator_with_no_present_row_reports_zero_count_and_no_loss()
        {
            var task = new ClassificationTask("Digit", 3);
            using var accumulator = task.CreateAccumulator();
            using var logits = torch.randn(2, 3);
            var target = TaskTarget.Classes([-1, -1], [false, false]);
            using var loss = task.Loss(logits, target);
            accumulator.Add(logits, target, loss);
            var m = (ClassificationMetrics)accumulator.Compute();
            Assert.Equal(0, m.Count);
            Assert.True(double.IsNaN(m.Loss));
            Assert.True(double.IsNaN(m.Accuracy));
            Assert.True(double.IsNaN(m.MacroF1));
            Assert.True(double.IsNaN(m.TopKAccuracy));
        }
    }
}
