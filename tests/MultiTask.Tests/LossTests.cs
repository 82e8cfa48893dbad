using System;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MultiTask.Tests
{
    public class LossTests
    {
        private const int Precision = 5;

        private static Tensor Present(params long[] rows) => torch.tensor(rows, dtype: ScalarType.Int64);

        [Fact]
        public void Classification_without_mask_matches_cross_entropy()
        {
            torch.manual_seed(1);
            var task = new ClassificationTask("Digit", 4);
            using var logits = torch.randn(6, 4);
            using var labels = torch.tensor(new long[] { 0, 3, 1, 2, 2, 0 });
            using var loss = task.Loss(logits, labels);
            using var expected = F.cross_entropy(logits, labels);
            Assert.Equal(expected.ToDouble(), loss.ToDouble(), Precision);
        }

        [Fact]
        public void Classification_with_mask_and_label_smoothing_matches_cross_entropy_on_present_rows()
        {
            torch.manual_seed(2);
            var task = new ClassificationTask("Digit", 4, labelSmoothing: 0.1);
            using var logits = torch.randn(6, 4);
            var target = TaskTarget.Classes([0, -1, 3, 99, 2, 1], [true, false, true, false, true, true]);
            using var loss = task.Loss(logits, target);
            using var rows = Present(0, 2, 4, 5);
            using var presentLogits = logits.index_select(0, rows);
            using var presentLabels = torch.tensor(new long[] { 0, 3, 2, 1 });
            using var expected = F.cross_entropy(presentLogits, presentLabels, label_smoothing: 0.1);
            Assert.Equal(expected.ToDouble(), loss.ToDouble(), Precision);
        }

        [Fact]
        public void Binary_with_positive_weight_and_mask_matches_bce_with_logits()
        {
            torch.manual_seed(3);
            var task = new BinaryTask("IsEven", positiveWeight: 2.5);
            using var logits = torch.randn(5);
            var target = TaskTarget.Binary([1f, 0f, -7f, 1f, 0f], [true, true, false, true, true]);
            using var loss = task.Loss(logits, target);
            using var rows = Present(0, 1, 3, 4);
            using var presentLogits = logits.index_select(0, rows);
            using var presentLabels = torch.tensor(new[] { 1f, 0f, 1f, 0f });
            using var weight = torch.tensor(2.5f);
            using var expected = F.binary_cross_entropy_with_logits(presentLogits, presentLabels, pos_weights: weight);
            Assert.Equal(expected.ToDouble(), loss.ToDouble(), Precision);
        }

        [Fact]
        public void Binary_without_weight_matches_bce_with_logits()
        {
            torch.manual_seed(4);
            var task = new BinaryTask("IsEven");
            using var logits = torch.randn(5);
            using var labels = torch.tensor(new[] { 1f, 0f, 0f, 1f, 1f });
            using var loss = task.Loss(logits, labels);
            using var expected = F.binary_cross_entropy_with_logits(logits, labels);
            Assert.Equal(expected.ToDouble(), loss.ToDouble(), Precision);
        }

        [Theory]
        [InlineData(RegressionLoss.Mse)]
        [InlineData(RegressionLoss.L1)]
        [InlineData(RegressionLoss.Huber)]
        public void Regression_with_outputs_and_mask_matches_functional_loss_on_present_rows(RegressionLoss kind)
        {
            torch.manual_seed(5);
            var task = new RegressionTask("Price", outputs: 3, loss: kind, huberDelta: 0.5);
            using var output = torch.randn(4, 3).mul(2);
            using var values = torch.randn(4, 3);
            values[1, 0] = torch.tensor(float.NaN);
            using var mask = torch.tensor(new[] { true, false, true, true });
            using var loss = task.Loss(output, new TaskTarget(values, mask));
            using var rows = Present(0, 2, 3);
            using var o = output.index_select(0, rows);
            using var v = values.index_select(0, rows);
            using var expected = kind switch
            {
                RegressionLoss.Mse => F.mse_loss(o, v),
                RegressionLoss.L1 => F.l1_loss(o, v),
                _ => F.huber_loss(o, v, 0.5),
            };
            Assert.Equal(expected.ToDouble(), loss.ToDouble(), Precision);
        }

        [Fact]
        public void Regression_with_one_output_matches_mse()
        {
            torch.manual_seed(6);
            var task = new RegressionTask("Price");
            using var output = torch.randn(5);
            using var values = torch.randn(5);
            using var loss = task.Loss(output, values);
            using var expected = F.mse_loss(output, values);
            Assert.Equal(expected.ToDouble(), loss.ToDouble(), Precision);
        }

        [Fact]
        public void No_present_label_gives_zero_with_a_gradient_path()
        {
            var task = new ClassificationTask("Digit", 3);
            using var logits = torch.randn(new long[] { 4, 3 }, requires_grad: true);
            var target = TaskTarget.Classes([-1, -1, 7, 2], [false, false, false, false]);
            using var loss = task.Loss(logits, target);
            Assert.Equal(0.0, loss.ToDouble());
            Assert.True(loss.requires_grad);
            loss.backward();
            using var grad = logits.grad!;
            Assert.All(TestTensors.Floats(grad), g => Assert.Equal(0f, g));
        }

        [Fact]
        public void Masked_rows_do_not_change_the_loss_or_the_gradient()
        {
            var task = new RegressionTask("Value");
            using var output = torch.tensor(new[] { 1f, 2f, 3f }, requires_grad: true);
            using var loss = task.Loss(output, TaskTarget.Values([0f, float.NaN, 1f], [true, false, true]));
            loss.backward();
            Assert.Equal((1.0 + 4.0) / 2, loss.ToDouble(), Precision);
            using var grad = output.grad!;
            Assert.Equal([1f, 0f, 2f], TestTensors.Floats(grad)); // d/do (o - y)^2 / 2 = (o - y)
        }

        [Fact]
        public void Out_of_range_class_on_a_present_row_names_task_label_and_range()
        {
            var task = new ClassificationTask("Digit", 10);
            using var logits = torch.randn(3, 10);
            var error = Assert.Throws<TaskDataException>(() => task.Loss(logits, TaskTarget.Classes([1, 12, 3])));
            Assert.StartsWith("Task 'Digit': ", error.Message);
            Assert.Contains("12", error.Message);
            Assert.Contains("[0, 10)", error.Message);
        }

        [Fact]
        public void Negative_class_on_a_present_row_is_reported()
        {
            var task = new ClassificationTask("Digit", 10);
            using var logits = torch.randn(3, 10);
            var error = Assert.Throws<TaskDataException>(() => task.Loss(logits, TaskTarget.Classes([1, -1, 3], [true, true, false])));
            Assert.Contains("-1", error.Message);
        }

        [Fact]
        public void Row_count_mismatch_is_reported_with_shapes()
        {
            var task = new ClassificationTask("Digit", 10);
            using var logits = torch.randn(4, 10);
            var error = Assert.Throws<TaskDataException>(() => task.Loss(logits, TaskTarget.Classes([1, 2, 3])));
            Assert.StartsWith("Task 'Digit': ", error.Message);
            Assert.Contains("[3]", error.Message);
            Assert.Contains("[4, 10]", error.Message);
        }

        [Fact]
        public void Wrong_target_rank_is_reported()
        {
            var task = new BinaryTask("IsEven");
            using var logits = torch.randn(3);
            using var labels = torch.zeros(3, 1);
            var error = Assert.Throws<TaskDataException>(() => task.Loss(logits, labels));
            Assert.Equal("Task 'IsEven': expected a target of shape [3], got [3, 1]", error.Message);
        }

        [Fact]
        public void Wrong_output_width_is_reported()
        {
            var task = new ClassificationTask("Digit", 10);
            using var logits = torch.randn(3, 9);
            var error = Assert.Throws<TaskDataException>(() => task.Loss(logits, TaskTarget.Classes([1, 2, 3])));
            Assert.Equal("Task 'Digit': expected an output of shape [N, 10], got [3, 9]", error.Message);
        }

        [Fact]
        public void Wrong_dtypes_are_reported()
        {
            using var logits = torch.randn(3, 4);
            using var floatLabels = torch.zeros(3);
            var classification = Assert.Throws<TaskDataException>(() => new ClassificationTask("Digit", 4).Loss(logits, floatLabels));
            Assert.StartsWith("Task 'Digit': expected a target of dtype Int64", classification.Message);

            using var binaryLogits = torch.randn(3);
            var binary = Assert.Throws<TaskDataException>(() => new BinaryTask("IsEven").Loss(binaryLogits, TaskTarget.Classes([0, 1, 1])));
            Assert.StartsWith("Task 'IsEven': expected a target of dtype Float", binary.Message);
        }

        [Fact]
        public void Bad_masks_are_reported()
        {
            var task = new RegressionTask("Price");
            using var output = torch.randn(3);
            using var values = torch.randn(3);
            using var shortMask = torch.tensor(new[] { true, false });
            var shape = Assert.Throws<TaskDataException>(() => task.Loss(output, new TaskTarget(values, shortMask)));
            Assert.Equal("Task 'Price': expected a mask of shape [3], got [2]", shape.Message);
            using var floatMask = torch.ones(3);
            var dtype = Assert.Throws<TaskDataException>(() => task.Loss(output, new TaskTarget(values, floatMask)));
            Assert.Equal("Task 'Price': expected a mask of dtype Bool, got Float32", dtype.Message);
        }

        [Fact]
        public void Model_input_check_names_the_model_and_shapes()
        {
            using var bad = torch.zeros(32, 63);
            var error = Assert.Throws<ArgumentException>(() => ModelInput.Check(bad, 64, "DigitModel"));
            Assert.StartsWith("DigitModel expects input of shape [N, 64], got [32, 63]", error.Message);
            using var rank = torch.zeros(64);
            Assert.Throws<ArgumentException>(() => ModelInput.Check(rank, 64, "DigitModel"));
            using var good = torch.zeros(2, 64);
            ModelInput.Check(good, 64, "DigitModel");
        }

        [Fact]
        public void Predictions_have_the_documented_shapes_and_types()
        {
            using var logits = torch.tensor(new float[,] { { 0, 2, 1 }, { 3, 0, 0 } });
            var c = new ClassificationTask("C", 3).Predict(logits);
            Assert.Equal([1L, 0L], c.Classes.data<long>().ToArray());
            Assert.Equal([2L, 3L], c.Probabilities.shape);
            Assert.All(TestTensors.Floats(c.Probabilities.sum(1)), s => Assert.Equal(1f, s, 5));

            using var binaryLogits = torch.tensor(new[] { -1f, 0f, 2f });
            var b = new BinaryTask("B", threshold: 0.6).Predict(binaryLogits);
            Assert.Equal(ScalarType.Bool, b.Labels.dtype);
            Assert.Equal([false, false, true], b.Labels.data<bool>().ToArray());

            using var values = torch.randn(4, 2);
            var r = new RegressionTask("R", outputs: 2).Predict(values);
            Assert.Equal([4L, 2L], r.Values.shape);
        }

        [Fact]
        public void Top_k_is_capped_at_the_class_count()
        {
            Assert.Equal(3, new ClassificationTask("C", 3, topK: 5).TopK);
        }

        [Fact]
        public void LossSum_adds_the_terms_in_the_graph()
        {
            using var scope = torch.NewDisposeScope();
            var weights = torch.tensor(new[] { 1f, 2f, 3f }, requires_grad: true);
            var terms = new[] { weights[0] * 2, weights[1].square(), weights[2] };
            var total = LossSum.Of(terms);
            total.backward();

            Assert.Equal(2 + 4 + 3, total.item<float>(), Precision);
            Assert.Equal([2f, 4f, 1f], weights.grad!.data<float>().ToArray());
            Assert.Same(terms[0], LossSum.Of(terms[0]));
            Assert.Throws<ArgumentException>(() => LossSum.Of());
        }
    }
}
