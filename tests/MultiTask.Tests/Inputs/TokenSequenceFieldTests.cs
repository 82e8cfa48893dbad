using System;
using System.Linq;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.Tests.Inputs
{
    /// <summary>A data set's token ids are checked once, before batching: rows, length, dtype, and every id in the vocabulary.</summary>
    public class TokenSequenceFieldTests
    {
        private static readonly TokenSequenceField Title = new("Title", vocabulary: 10, length: 4, width: 8);

        private static Tensor Ids(int rows) => torch.arange(rows * 4, dtype: ScalarType.Int64).remainder(10).reshape(rows, 4);

        private static ArgumentException Rejected(Tensor values, long rows = 6)
            => Assert.ThrowsAny<ArgumentException>(() => Title.CheckDataSet(values, rows, "News"));

        [Theory]
        [InlineData(10L, 3, 2)]
        [InlineData(-1L, 5, 0)]
        [InlineData(123456789012L, 0, 3)]
        public void An_id_outside_the_vocabulary_names_the_model_field_row_and_position(long id, int row, int position)
        {
            using var ids = Ids(6);
            ids[row, position] = id;
            var error = Rejected(ids);
            Assert.Equal($"News.Title: token id {id} at row {row}, position {position} of the data set is outside [0, 10); 0 is padding, tokens are 1 .. 9", error.Message);
        }

        [Fact]
        public void The_first_bad_id_in_row_order_is_named()
        {
            using var ids = Ids(6);
            ids[4, 0] = 11;
            ids[2, 3] = 12;
            Assert.StartsWith("News.Title: token id 12 at row 2, position 3 ", Rejected(ids).Message);
        }

        [Theory]
        [InlineData(ScalarType.Int32)]
        [InlineData(ScalarType.Int16)]
        [InlineData(ScalarType.Byte)]
        public void Narrower_integers_are_converted_to_int64(ScalarType dtype)
        {
            using var ids = Ids(6);
            using var narrow = ids.to(dtype);
            using var checkedIds = Title.CheckDataSet(narrow, 6, "News");
            Assert.Equal(ScalarType.Int64, checkedIds.dtype);
            Assert.Equal(ids.data<long>().ToArray(), checkedIds.data<long>().ToArray());
        }

        [Fact]
        public void Int64_ids_in_range_come_back_as_they_are()
        {
            using var ids = Ids(6);
            Assert.Same(ids, Title.CheckDataSet(ids, 6, "News"));
        }

        [Theory]
        [InlineData(ScalarType.Float32)]
        [InlineData(ScalarType.Float64)]
        [InlineData(ScalarType.Bool)]
        public void Floating_point_or_bool_ids_are_refused(ScalarType dtype)
        {
            using var ids = Ids(6);
            using var floats = ids.to(dtype);
            Assert.Equal($"News.Title: expects int64 [N, 4] token ids, got {dtype} values; token ids are integers", Rejected(floats).Message);
        }

        [Fact]
        public void A_wrong_length_or_rank_is_named_with_the_shape_given()
        {
            using var longer = torch.ones(6, 5, dtype: ScalarType.Int64);
            Assert.Equal("News.Title: expects int64 [N, 4], got int64 [6, 5]", Rejected(longer).Message);
            using var flat = torch.ones(6, dtype: ScalarType.Int64);
            Assert.Equal("News.Title: expects int64 [N, 4], got int64 [6]", Rejected(flat).Message);
        }

        [Fact]
        public void Another_row_count_names_both_counts()
        {
            using var ids = Ids(5);
            Assert.Equal("News.Title: the data set has 6 rows but the field has 5 rows", Rejected(ids).Message);
        }

        [Fact]
        public void The_forward_check_takes_int64_only_and_allows_ids_beyond_the_vocabulary()
        {
            using var unknown = torch.full(3, 4, 99L, dtype: ScalarType.Int64);
            Title.Check(unknown, "News");
            using var narrow = unknown.to(ScalarType.Int32);
            var error = Assert.ThrowsAny<ArgumentException>(() => Title.Check(narrow, "News"));
            Assert.Equal("News.Title: expects int64 [N, 4], got int32 [3, 4]", error.Message);
        }

        [Fact]
        public void Bad_declarations_are_refused_naming_the_field()
        {
            var vocabulary = Assert.Throws<ArgumentOutOfRangeException>(() => new TokenSequenceField("Title", vocabulary: 1, length: 4, width: 8));
            Assert.StartsWith("Field 'Title': the vocabulary holds padding id 0 and at least one token", vocabulary.Message);
            Assert.Throws<ArgumentOutOfRangeException>(() => new TokenSequenceField("Title", vocabulary: 10, length: 0, width: 8));
            Assert.Throws<ArgumentOutOfRangeException>(() => new TokenSequenceField("Title", vocabulary: 10, length: 4, width: 0));
        }

        [Fact]
        public void Its_shape_reads_as_docs_write_it()
        {
            Assert.Equal("int64 [N, 4]", Title.Shape);
            Assert.Equal(8, Title.Width);
        }
    }
}
