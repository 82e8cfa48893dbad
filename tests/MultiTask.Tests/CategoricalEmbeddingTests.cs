using System;
using System.Linq;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.Tests
{
    /// <summary>The categorical encoder against hand-built tables: lookup, reserved row, hashing, pooling, shared tables.</summary>
    public class CategoricalEmbeddingTests
    {
        /// <summary>Rows 0..vocabulary-1 of the table set to 1 + row index + column/10, so every lookup is recognisable.</summary>
        private static float[,] FillTable(CategoricalEmbedding embedding)
        {
            var field = embedding.Field;
            var expected = new float[field.Vocabulary + 1, field.Width];
            for (var row = 0; row < field.Vocabulary; row++)
            {
                for (var column = 0; column < field.Width; column++)
                {
                    expected[row, column] = 1 + row + (column / 10f);
                }
            }

            using (no_grad())
            {
                using var values = tensor(expected);
                embedding.Table.weight!.copy_(values);
            }

            return expected;
        }

        private static float[] Row(float[,] table, long row) => Enumerable.Range(0, table.GetLength(1)).Select(c => table[row, c]).ToArray();

        private static float[] Values(Tensor tensor) => tensor.contiguous().data<float>().ToArray();

        [Fact]
        public void Ids_read_their_rows_and_unknown_ids_read_the_reserved_zero_row()
        {
            using var embedding = new CategoricalEmbedding(new CategoricalField("User", vocabulary: 4, width: 3));
            var table = FillTable(embedding);
            using (no_grad())
            {
                embedding.Table.weight![4].zero_();
            }

            using var ids = tensor(new long[] { 2, 0, 7, -3 });
            using var output = embedding.forward(ids);

            Assert.Equal(new long[] { 4, 3 }, output.shape);
            Assert.Equal(Row(table, 2).Concat(Row(table, 0)).Concat(new float[6]), Values(output));
        }

        [Theory]
        [InlineData(new long[] { 0, 3, 3, 1 })]
        [InlineData(new long[] { 3, 4 })]
        [InlineData(new long[] { -1, 2 })]
        [InlineData(new long[] { 4 })]
        public void A_batch_of_known_ids_or_one_with_an_unknown_id_matches_the_lookup_of_its_rows(long[] ids)
        {
            using var embedding = new CategoricalEmbedding(new CategoricalField("User", vocabulary: 4, width: 3));
            var table = FillTable(embedding);
            using var input = tensor(ids);
            using var output = embedding.forward(input);
            using var loss = output.mul(arange(1, 4, ScalarType.Float32)).sum();
            loss.backward();

            var expected = ids.SelectMany(id => id is >= 0 and < 4 ? Row(table, id) : new float[3]).ToArray();
            Assert.Equal(expected, Values(output));

            // Each known id's row gets 1, 2, 3 per use; the reserved row, never.
            var uses = Enumerable.Range(0, 5).Select(row => (float)ids.Count(id => id == row && row < 4)).ToArray();
            var expectedGrad = uses.SelectMany(n => new[] { n, 2 * n, 3 * n }).ToArray();
            Assert.Equal(expectedGrad, Values(embedding.Table.weight!.grad!));
        }

        [Fact]
        public void The_reserved_row_starts_at_zero_and_training_never_moves_it()
        {
            using var embedding = new CategoricalEmbedding(new CategoricalField("User", vocabulary: 5, width: 4));
            Assert.Equal(new long[] { 6, 4 }, embedding.Table.weight!.shape);
            Assert.All(Values(embedding.Table.weight![5]), v => Assert.Equal(0f, v));

            using var optimizer = optim.Adam(embedding.parameters(), lr: 0.1, weight_decay: 0.01);
            for (var step = 0; step < 3; step++)
            {
                optimizer.zero_grad();
                using var ids = tensor(new long[] { 1, 9, 3 });
                using var output = embedding.forward(ids);
                using var loss = output.pow(2).sum().add(output.sum());
                loss.backward();
                optimizer.step();
            }

            Assert.All(Values(embedding.Table.weight![5]), v => Assert.Equal(0f, v));
            Assert.Contains(Values(embedding.Table.weight![1]), v => v != 0f);
        }

        [Fact]
        public void Hashed_ids_read_row_id_mod_buckets_non_negative()
        {
            using var embedding = new CategoricalEmbedding(new CategoricalField("Item", vocabulary: 7, width: 2, hashed: true));
            var table = FillTable(embedding);
            long[] ids = [15, -1, 1_000_000_007, 6, -15];
            using var input = tensor(ids);
            using var output = embedding.forward(input);

            var expected = ids.SelectMany(id => Row(table, ((id % 7) + 7) % 7)).ToArray();
            Assert.Equal(expected, Values(output));
        }

        [Theory]
        [InlineData(Pooling.Mean)]
        [InlineData(Pooling.Sum)]
        [InlineData(Pooling.Max)]
        public void Multi_valued_rows_pool_their_present_ids_and_an_empty_row_gives_zeros(Pooling pooling)
        {
            using var embedding = new CategoricalEmbedding(new CategoricalField("Recent", vocabulary: 5, width: 2, values: 3, pooling: pooling));
            var table = FillTable(embedding);
            using (no_grad())
            {
                // Negative entries, so a max that wrongly took an empty slot's zeros would show.
                embedding.Table.weight![1].copy_(tensor(new[] { -5f, -6f }));
                table[1, 0] = -5f;
                table[1, 1] = -6f;
            }

            long[][] rows = [[0, 3, -1], [-1, -1, -1], [1, 1, 4], [1, -1, -1]];
            using var ids = tensor(rows.SelectMany(r => r).ToArray(), 4, 3);
            using var output = embedding.forward(ids);

            var expected = rows.SelectMany(r =>
            {
                var present = r.Where(id => id != -1).Select(id => Row(table, id)).ToArray();
                return Enumerable.Range(0, 2).Select(c => present.Length == 0 ? 0f : pooling switch
                {
                    Pooling.Sum => present.Sum(p => p[c]),
                    Pooling.Max => present.Max(p => p[c]),
                    _ => present.Average(p => p[c]),
                });
            }).ToArray();
            var actual = Values(output);
            Assert.Equal(new long[] { 4, 2 }, output.shape);
            Assert.Equal(expected.Length, actual.Length);
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.Equal(expected[i], actual[i], 5);
            }
        }

        [Fact]
        public void A_shared_table_is_one_parameter_and_gets_gradients_from_both_fields()
        {
            var item = new CategoricalField("Item", vocabulary: 6, width: 2);
            using var owner = new CategoricalEmbedding(item);
            using var sharer = new CategoricalEmbedding(new CategoricalField("Recent", vocabulary: 6, width: 2, values: 2, pooling: Pooling.Sum), owner);

            Assert.Single(owner.parameters());
            Assert.Empty(sharer.parameters());
            Assert.Same(owner.Table, sharer.Table);

            using var itemIds = tensor(new long[] { 1 });
            using var recentIds = tensor(new long[] { 4, 1 }, 1, 2);
            using var fromOwner = owner.forward(itemIds);
            using var fromSharer = sharer.forward(recentIds);
            using var loss = fromOwner.sum().add(fromSharer.sum().mul(10));
            loss.backward();

            using var grad = owner.Table.weight!.grad!.sum(1);
            // Row 1: once through Item (1 per column), once through Recent (10 per column); row 4 through Recent only.
            Assert.Equal(new[] { 0f, 22f, 0f, 0f, 20f, 0f, 0f }, Values(grad));
        }

        [Fact]
        public void Sharing_refuses_another_width_or_a_table_that_is_itself_shared()
        {
            using var owner = new CategoricalEmbedding(new CategoricalField("Item", vocabulary: 6, width: 2));
            var wider = Assert.Throws<ArgumentException>(() => new CategoricalEmbedding(new CategoricalField("Recent", vocabulary: 6, width: 3), owner));
            Assert.Contains("'Recent' shares the table of 'Item'", wider.Message);

            using var sharer = new CategoricalEmbedding(new CategoricalField("Recent", vocabulary: 6, width: 2), owner);
            var chained = Assert.Throws<ArgumentException>(() => new CategoricalEmbedding(new CategoricalField("Other", vocabulary: 6, width: 2), sharer));
            Assert.Contains("'Recent', which reads another field's table itself", chained.Message);
        }

        [Fact]
        public void The_state_dict_holds_the_table_under_table_weight_and_a_sharer_holds_nothing()
        {
            using var owner = new CategoricalEmbedding(new CategoricalField("Item", vocabulary: 3, width: 2));
            using var sharer = new CategoricalEmbedding(new CategoricalField("Recent", vocabulary: 3, width: 2), owner);
            Assert.Equal(["table.weight"], owner.state_dict().Keys.ToArray());
            Assert.Empty(sharer.state_dict());
        }

        [Fact]
        public void Forward_names_the_field_for_a_wrong_shape_or_dtype()
        {
            using var embedding = new CategoricalEmbedding(new CategoricalField("Recent", vocabulary: 3, width: 2, values: 5));
            using var flat = tensor(new long[] { 1, 2 });
            Assert.Equal("CategoricalEmbedding.Recent: expects int64 [N, 5], got int64 [2]", Assert.Throws<TaskDataException>(() => embedding.forward(flat)).Message);
            using var floats = zeros(2, 5);
            Assert.Equal("CategoricalEmbedding.Recent: expects int64 [N, 5], got float32 [2, 5]", Assert.Throws<TaskDataException>(() => embedding.forward(floats)).Message);
        }
    }
}
