using System;
using System.Linq;
using MultiTask.Tests.Contract;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.Tests
{
    /// <summary>Bad data is named at <c>Batch.From</c> (the contract's generated code): task, counts, dtypes, the data set's row.</summary>
    public class DataSetCheckTests
    {
        private static Tensor Pixels(int rows) => torch.rand(rows, 64);

        private static long[] Digits(int rows) => Enumerable.Range(0, rows).Select(r => (long)(r % 10)).ToArray();

        private static bool[] Even(int rows) => Enumerable.Range(0, rows).Select(r => r % 2 == 0).ToArray();

        private static TaskDataException Rejected(Tensor input, DigitModel.Targets targets)
            => Assert.Throws<TaskDataException>(() => DigitModel.Batch.From(input, targets, batchSize: 4, shuffle: true, seed: 3));

        [Fact]
        public void A_longer_or_shorter_target_names_the_task_and_both_counts()
        {
            using var x = Pixels(10);
            var longer = Rejected(x, new DigitModel.Targets(TaskTarget.Classes(Digits(12)), TaskTarget.Binary(Even(10))));
            Assert.Equal("Task 'Digit': the input has 10 rows but the target has 12", longer.Message);
            var shorter = Rejected(x, new DigitModel.Targets(TaskTarget.Classes(Digits(10)), TaskTarget.Binary(Even(7))));
            Assert.Equal("Task 'IsEven': the input has 10 rows but the target has 7", shorter.Message);
        }

        [Fact]
        public void A_mask_or_weights_of_another_length_names_the_task_and_both_counts()
        {
            using var x = Pixels(10);
            using var labels = torch.tensor(Even(10).Select(e => e ? 1f : 0f).ToArray());
            using var shortMask = torch.ones(9, dtype: ScalarType.Bool);
            var mask = Rejected(x, new DigitModel.Targets(TaskTarget.Classes(Digits(10)), new TaskTarget(labels, shortMask)));
            Assert.Equal("Task 'IsEven': the input has 10 rows but the mask has 9", mask.Message);
            using var longWeights = torch.ones(11);
            var weights = Rejected(x, new DigitModel.Targets(TaskTarget.Classes(Digits(10)), new TaskTarget(labels, weights: longWeights)));
            Assert.Equal("Task 'IsEven': the input has 10 rows but the weights have 11", weights.Message);
        }

        [Theory]
        [InlineData(-100L)]
        [InlineData(-1L)]
        [InlineData(10L)]
        public void A_class_label_outside_the_range_names_the_data_sets_row(long label)
        {
            using var x = Pixels(20);
            var digits = Digits(20);
            digits[13] = label;
            var error = Rejected(x, new DigitModel.Targets(TaskTarget.Classes(digits), TaskTarget.Binary(Even(20))));
            Assert.Equal($"Task 'Digit': class label {label} at row 13 of the data set is outside the range [0, 10); a row without a label needs a mask, not a special value", error.Message);
        }

        [Fact]
        public void A_masked_row_may_hold_any_label()
        {
            using var x = Pixels(6);
            var digits = Digits(6);
            digits[2] = -100;
            var known = new[] { true, true, false, true, true, true };
            var batches = DigitModel.Batch.From(x, new DigitModel.Targets(TaskTarget.Classes(digits, known), TaskTarget.Binary([2f, 0, 1, 0, 1, 0], [false, true, true, true, true, true])), batchSize: 6).ToArray();
            Assert.Single(batches);
        }

        [Fact]
        public void A_binary_label_other_than_0_or_1_names_the_data_sets_row()
        {
            using var x = Pixels(5);
            var error = Rejected(x, new DigitModel.Targets(TaskTarget.Classes(Digits(5)), TaskTarget.Binary([0f, 1, 1, 2, 0])));
            Assert.Equal("Task 'IsEven': binary label 2 at row 3 of the data set is neither 0 nor 1", error.Message);
            var nan = Rejected(x, new DigitModel.Targets(TaskTarget.Classes(Digits(5)), TaskTarget.Binary([0f, float.NaN, 1, 1, 0])));
            Assert.Equal("Task 'IsEven': binary label NaN at row 1 of the data set is neither 0 nor 1", nan.Message);
        }

        [Fact]
        public void Integer_labels_become_the_dtypes_the_losses_need()
        {
            using var x = Pixels(4);
            using var digits = torch.tensor(new[] { 3, 1, 4, 1 }, dtype: ScalarType.Int32);
            using var even = torch.tensor(new byte[] { 0, 1, 0, 1 });
            var batch = DigitModel.Batch.From(x, new DigitModel.Targets(digits, even), batchSize: 4).Single();
            Assert.Equal(ScalarType.Int64, batch.Targets.Digit.Labels.dtype);
            Assert.Equal([3L, 1, 4, 1], batch.Targets.Digit.Labels.data<long>().ToArray());
            Assert.Equal(ScalarType.Float32, batch.Targets.IsEven.Labels.dtype);
            Assert.Equal([0f, 1, 0, 1], batch.Targets.IsEven.Labels.data<float>().ToArray());

            using var negative = torch.tensor(new short[] { 3, -1, 4, 1 });
            var error = Rejected(x, new DigitModel.Targets(negative, even));
            Assert.StartsWith("Task 'Digit': class label -1 at row 1 of the data set", error.Message);
            using var halves = torch.tensor(new[] { 0f, 1f, 0.5f, 1f }).to(ScalarType.Float16);
            var half = Rejected(x, new DigitModel.Targets(digits, halves));
            Assert.Equal("Task 'IsEven': binary label 0.5 at row 2 of the data set is neither 0 nor 1", half.Message);
        }

        [Fact]
        public void Floating_point_class_labels_are_refused()
        {
            using var x = Pixels(3);
            using var digits = torch.tensor(new[] { 1f, 2f, 3f });
            var error = Rejected(x, new DigitModel.Targets(digits, TaskTarget.Binary([0f, 1, 0])));
            Assert.Equal("Task 'Digit': expected class indices of an integer dtype (Int64; TaskTarget.Classes takes long[]), got Float32", error.Message);
        }

        [Theory]
        [InlineData(ScalarType.Float16)]
        [InlineData(ScalarType.BFloat16)]
        [InlineData(ScalarType.Byte)]
        [InlineData(ScalarType.Int8)]
        [InlineData(ScalarType.Int16)]
        [InlineData(ScalarType.Int32)]
        [InlineData(ScalarType.Int64)]
        public void An_input_that_float32_holds_exactly_is_converted(ScalarType dtype)
        {
            using var values = torch.arange(0, 4 * 64, dtype: ScalarType.Float32).reshape(4, 64).remainder(100);
            using var input = values.to(dtype);
            var batch = DigitModel.Batch.From(input, new DigitModel.Targets(TaskTarget.Classes(Digits(4)), TaskTarget.Binary(Even(4))), batchSize: 4).Single();
            Assert.Equal(ScalarType.Float32, batch.Input.dtype);
            Assert.Equal(TestTensors.Floats(values), TestTensors.Floats(batch.Input));
        }

        [Fact]
        public void An_input_that_float32_would_round_names_the_model_and_both_dtypes()
        {
            var targets = new DigitModel.Targets(TaskTarget.Classes(Digits(2)), TaskTarget.Binary(Even(2)));
            using var doubles = torch.rand(2, 64, dtype: ScalarType.Float64);
            var wide = Assert.Throws<ArgumentException>(() => DigitModel.Batch.From(doubles, targets, batchSize: 2));
            Assert.StartsWith("DigitModel expects Float32 input, got Float64, which Float32 cannot hold exactly.", wide.Message);

            using var large = torch.zeros(2, 64, dtype: ScalarType.Int64);
            large[1, 5] = torch.tensor((1L << 24) + 1);
            var integers = Assert.Throws<ArgumentException>(() => DigitModel.Batch.From(large, targets, batchSize: 2));
            Assert.StartsWith("DigitModel expects Float32 input; the Int64 input has values beyond +-2^24, which Float32 cannot hold exactly.", integers.Message);
        }

        [Fact]
        public void A_float32_input_and_good_targets_are_used_as_they_are()
        {
            using var x = Pixels(3);
            var targets = new DigitModel.Targets(TaskTarget.Classes(Digits(3)), TaskTarget.Binary(Even(3)));
            var checkedTargets = targets.CheckDataSet(3);
            Assert.Same(targets.Digit, checkedTargets.Digit);
            Assert.Same(targets.IsEven, checkedTargets.IsEven);
            Assert.Same(x, ModelInput.Checked(x, 64, "DigitModel"));
        }

        [Fact]
        public void A_non_finite_regression_value_names_row_and_column_unless_masked()
        {
            var task = new RegressionTask("Price", outputs: 2);
            using var values = torch.tensor(new float[,] { { 1, 2 }, { 3, float.PositiveInfinity }, { float.NaN, 0 } });
            var error = Assert.Throws<TaskDataException>(() => task.CheckDataSet(new TaskTarget(values), 3));
            Assert.Equal("Task 'Price': value Infinity at row 1, column 1 of the data set is not finite; a row without a value needs a mask", error.Message);
            using var mask = torch.tensor(new[] { true, false, false });
            var target = new TaskTarget(values, mask);
            Assert.Same(target, task.CheckDataSet(target, 3));
        }

        [Fact]
        public void A_negative_or_non_finite_weight_names_the_row()
        {
            var task = new BinaryTask("Flag");
            var error = Assert.Throws<TaskDataException>(() => task.CheckDataSet(TaskTarget.Binary([1f, 0, 1], weights: [1f, 2f, -0.5f]), 3));
            Assert.Equal("Task 'Flag': weight -0.5 at row 2 of the data set is invalid; a row's weight must be finite and at least 0", error.Message);
            Assert.Throws<TaskDataException>(() => task.CheckDataSet(TaskTarget.Binary([1f, 0, 1], weights: [float.NaN, 1f, 1f]), 3));
        }

        [Fact]
        public void Per_task_data_sets_get_the_same_checks_naming_their_task()
        {
            var topic = new ClassificationTask("Topic", 3);
            var rating = new RegressionTask("Rating");
            TaskDefinition[] tasks = [topic, rating];
            using var topicInput = torch.rand(6, 4);
            using var ratingInput = torch.rand(5, 4);
            var badLabel = new TaskData(topicInput, TaskTarget.Classes([0, 1, 2, 0, 5, 1]));
            var label = Assert.Throws<TaskDataException>(() => PerTaskBatches.Create<TaskData?[]>("M", 4, tasks, [badLabel, null], 2, true, 0, s => s));
            Assert.Equal("Task 'Topic': class label 5 at row 4 of the data set is outside the range [0, 3); a row without a label needs a mask, not a special value", label.Message);

            var shortTarget = new TaskData(ratingInput, TaskTarget.Values([1f, 2f, 3f]));
            var rows = Assert.Throws<TaskDataException>(() => PerTaskBatches.Create<TaskData?[]>("M", 4, tasks, [null, shortTarget], 2, true, 0, s => s));
            Assert.Equal("Task 'Rating': the input has 5 rows but the target has 3", rows.Message);

            using var doubles = torch.rand(5, 4, dtype: ScalarType.Float64);
            var dtype = Assert.Throws<ArgumentException>(() => PerTaskBatches.Create<TaskData?[]>("M", 4, tasks, [null, new TaskData(doubles, TaskTarget.Values(new float[5]))], 2, true, 0, s => s));
            Assert.StartsWith("M (the input of task 'Rating') expects Float32 input, got Float64", dtype.Message);

            using var halves = torch.rand(5, 4).to(ScalarType.Float16);
            var steps = PerTaskBatches.Create<TaskData?[]>("M", 4, tasks, [null, new TaskData(halves, TaskTarget.Values(new float[5]))], 5, false, 0, s => s).ToArray();
            Assert.Equal(ScalarType.Float32, steps.Single()[1]!.Input.dtype);
        }

        [Fact]
        public void A_label_of_minus_100_in_a_batch_is_an_error_not_an_ignored_row()
        {
            // PyTorch's cross_entropy ignores -100 by default; a loss computed on a hand-made batch must not.
            var task = new ClassificationTask("Digit", 3);
            using var logits = torch.randn(3, 3);
            var error = Assert.Throws<TaskDataException>(() => task.Loss(logits, TaskTarget.Classes([0, -100, 2])));
            Assert.Equal("Task 'Digit': class label -100 at row 1 of the batch is outside the range [0, 3)", error.Message);
        }
    }
}
