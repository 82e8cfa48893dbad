using System;
using System.Linq;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.Tests
{
    /// <summary>The data-set checks of dense and categorical fields: shapes, dtypes, row counts, ids naming the row.</summary>
    public class InputFieldTests
    {
        [Fact]
        public void A_vocabulary_id_outside_the_range_names_model_field_row_and_id()
        {
            var field = new CategoricalField("User", vocabulary: 10, width: 4);
            using var ids = tensor(new long[] { 3, 9, 10, 2 });
            var error = Assert.Throws<TaskDataException>(() => field.CheckDataSet(ids, 4, "Ctr"));
            Assert.Equal("Ctr.User: id 10 at row 2 of the data set is outside the vocabulary [0, 10); an unknown id is only read (as the reserved out-of-vocabulary row) at prediction time", error.Message);

            using var negative = tensor(new long[] { 0, -1 });
            Assert.Contains("id -1 at row 1 of the data set", Assert.Throws<TaskDataException>(() => field.CheckDataSet(negative, 2, "Ctr")).Message);
        }

        [Fact]
        public void A_multi_valued_field_allows_empty_slots_and_names_row_and_value()
        {
            var field = new CategoricalField("Recent", vocabulary: 5, width: 2, values: 3);
            using var good = tensor(new long[] { 0, -1, -1, 4, 3, -1 }, 2, 3);
            using var checkedIds = field.CheckDataSet(good, 2, "Ctr");
            Assert.Equal(ScalarType.Int64, checkedIds.dtype);

            using var bad = tensor(new long[] { 0, -1, -1, 4, 5, -1 }, 2, 3);
            Assert.StartsWith("Ctr.Recent: id 5 at row 1, value 1 of the data set is outside the vocabulary [0, 5) (-1 marks an empty slot)", Assert.Throws<TaskDataException>(() => field.CheckDataSet(bad, 2, "Ctr")).Message);
        }

        [Fact]
        public void Hashed_ids_may_be_any_int64()
        {
            var field = new CategoricalField("Item", vocabulary: 8, width: 2, hashed: true);
            using var ids = tensor(new long[] { long.MaxValue, -12345, 8 });
            using var checkedIds = field.CheckDataSet(ids, 3, "Ctr");
            Assert.Equal(new[] { long.MaxValue, -12345, 8 }, checkedIds.data<long>().ToArray());
        }

        [Fact]
        public void Narrow_integer_ids_become_int64_and_floats_are_refused()
        {
            var field = new CategoricalField("User", vocabulary: 10, width: 4);
            using var narrow = tensor(new int[] { 1, 2 });
            using var widened = field.CheckDataSet(narrow, 2, "Ctr");
            Assert.Equal(ScalarType.Int64, widened.dtype);
            Assert.Equal(new long[] { 1, 2 }, widened.data<long>().ToArray());

            using var floats = tensor(new float[] { 1, 2 });
            Assert.StartsWith("Ctr.User: expects int64 ids, got float32", Assert.Throws<TaskDataException>(() => field.CheckDataSet(floats, 2, "Ctr")).Message);
        }

        [Fact]
        public void Row_counts_and_shapes_are_checked_against_the_data_set()
        {
            var field = new CategoricalField("User", vocabulary: 10, width: 4);
            using var ids = tensor(new long[] { 1, 2, 3 });
            Assert.Equal("Ctr.User: the data set has 4 rows but the field has 3 rows", Assert.Throws<ArgumentException>(() => field.CheckDataSet(ids, 4, "Ctr")).Message);
            using var matrix = zeros(3, 2, ScalarType.Int64);
            Assert.Equal("Ctr.User: expects int64 [N], got int64 [3, 2]", Assert.Throws<TaskDataException>(() => field.CheckDataSet(matrix, 3, "Ctr")).Message);
        }

        [Fact]
        public void Dense_values_are_converted_losslessly_and_wrong_widths_named()
        {
            var field = new DenseField("Numeric", 3);
            Assert.Equal("float32 [N, 3]", field.Shape);
            Assert.Equal(3, field.Width);
            using var doubles = tensor(new double[] { 1, 2, 3 }, 1, 3);
            Assert.Contains("Ctr.Numeric expects Float32 input, got Float64", Assert.Throws<ArgumentException>(() => field.CheckDataSet(doubles, 1, "Ctr")).Message);
            using var ints = tensor(new int[] { 1, 2, 3 }, 1, 3);
            using var converted = field.CheckDataSet(ints, 1, "Ctr");
            Assert.Equal(ScalarType.Float32, converted.dtype);
            using var narrow = zeros(2, 4);
            Assert.Equal("Ctr.Numeric: expects float32 [N, 3], got float32 [2, 4]", Assert.Throws<TaskDataException>(() => field.CheckDataSet(narrow, 2, "Ctr")).Message);
        }

        [Fact]
        public void Dense_input_passes_the_features_on_and_names_the_field()
        {
            using var input = new DenseInput(new DenseField("Numeric", 2));
            using var features = tensor(new float[] { 1, 2, 3, 4 }, 2, 2);
            using var output = input.forward(features);
            Assert.Equal(new float[] { 1, 2, 3, 4 }, output.data<float>().ToArray());
            Assert.Empty(input.parameters());
            using var wrong = zeros(2, 3);
            Assert.Equal("DenseInput.Numeric: expects float32 [N, 2], got float32 [2, 3]", Assert.Throws<TaskDataException>(() => input.forward(wrong)).Message);
        }
    }
}
