using System;
using System.Linq;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.Tests.Inputs
{
    /// <summary>The text encoder against hand computations: masked mean pooling, the reserved row, and the Transformer's padding mask and layout.</summary>
    public class TextEncoderTests
    {
        // Vocabulary 5 (padding 0, tokens 1..4), width 2: rows 1..4 of the table, then the reserved row 5.
        private static readonly float[,] Table = { { 0, 0 }, { 1, 2 }, { 3, -1 }, { -2, 4 }, { 0.5f, 0.25f }, { 100, -100 } };

        private static TextEncoder MeanPooling(out TokenSequenceField field)
        {
            field = new TokenSequenceField("Title", vocabulary: 5, length: 4, width: 2);
            var encoder = new TextEncoder(field, TextEncoding.MeanPooling, layers: 1, heads: 1, feedForward: 0, dropout: 0);
            using var table = torch.tensor(Table);
            Parameters.Set(encoder, "tokens.weight", table);
            return encoder;
        }

        private static TextEncoder Transformer(int length, double dropout = 0, int seed = 3)
        {
            torch.manual_seed(seed);
            return new TextEncoder(new TokenSequenceField("Title", vocabulary: 12, length: length, width: 8), TextEncoding.Transformer, layers: 2, heads: 2, feedForward: 16, dropout: dropout);
        }

        [Fact]
        public void Mean_pooling_averages_the_non_padding_rows_of_the_table()
        {
            using var encoder = MeanPooling(out _);
            using var ids = torch.tensor(new long[,] { { 1, 2, 0, 0 }, { 0, 4, 0, 2 }, { 3, 3, 3, 1 } });
            using var encoded = encoder.forward(ids);
            float[] expected =
            [
                (1 + 3) / 2f, (2 - 1) / 2f,
                (0.5f + 3) / 2f, (0.25f - 1) / 2f,
                (-2 * 3 + 1) / 4f, (4 * 3 + 2) / 4f,
            ];
            Assert.Equal(new long[] { 3, 2 }, encoded.shape);
            Assert.Equal(expected, TestTensors.Floats(encoded));
        }

        [Fact]
        public void A_row_of_padding_only_gives_zeros()
        {
            using var encoder = MeanPooling(out _);
            using var ids = torch.zeros(2, 4, dtype: ScalarType.Int64);
            using var encoded = encoder.forward(ids);
            Assert.Equal(new float[4], TestTensors.Floats(encoded));
        }

        [Fact]
        public void Ids_outside_the_vocabulary_read_the_reserved_row_and_count_as_tokens()
        {
            using var encoder = MeanPooling(out _);
            using var ids = torch.tensor(new long[,] { { 5, 1, 0, 0 }, { 999, -7, 0, 0 } });
            using var encoded = encoder.forward(ids);
            Assert.Equal(new float[] { (100 + 1) / 2f, (-100 + 2) / 2f, 100, -100 }, TestTensors.Floats(encoded));
        }

        [Fact]
        public void The_padding_row_and_the_reserved_row_start_at_zero_and_padding_takes_no_gradient()
        {
            torch.manual_seed(4);
            var field = new TokenSequenceField("Title", vocabulary: 5, length: 3, width: 4);
            using var encoder = new TextEncoder(field, TextEncoding.MeanPooling, 1, 1, 0, 0);
            var table = Parameters.Get(encoder, "tokens.weight");
            Assert.Equal(new long[] { 6, 4 }, table.shape);
            Assert.Equal(new float[4], TestTensors.Floats(table[0]));
            Assert.Equal(new float[4], TestTensors.Floats(table[5]));
            Assert.NotEqual(new float[4], TestTensors.Floats(table[1]));

            using var ids = torch.tensor(new long[,] { { 1, 0, 0 }, { 2, 3, 0 } });
            using var encoded = encoder.forward(ids);
            encoded.sum().backward();
            Assert.Equal(new float[4], TestTensors.Floats(table.grad![0]));
            Assert.NotEqual(new float[4], TestTensors.Floats(table.grad![1]));
        }

        [Fact]
        public void Mean_pooling_has_only_the_token_table()
        {
            using var encoder = MeanPooling(out _);
            Assert.Equal(["tokens.weight"], encoder.state_dict().Keys);
        }

        [Fact]
        public void A_transformer_returns_N_by_width_and_registers_its_parts()
        {
            using var encoder = Transformer(length: 5);
            using var ids = torch.tensor(new long[,] { { 1, 2, 3, 0, 0 }, { 4, 5, 6, 7, 8 }, { 9, 0, 0, 0, 0 } });
            using var encoded = encoder.forward(ids);
            Assert.Equal(new long[] { 3, 8 }, encoded.shape);
            Assert.Equal(ScalarType.Float32, encoded.dtype);
            var keys = encoder.state_dict().Keys.ToArray();
            Assert.Contains("tokens.weight", keys);
            Assert.Contains("positions.weight", keys);
            Assert.Contains(keys, k => k.StartsWith("encoder.layers.1.", StringComparison.Ordinal));
        }

        [Fact]
        public void Rows_are_encoded_independently_so_the_batch_is_not_read_as_the_sequence()
        {
            // libtorch's C++ encoder reads [sequence, batch, width]; without the transpose, rows would attend to each other.
            using var encoder = Transformer(length: 4);
            encoder.eval();
            using var ids = torch.tensor(new long[,] { { 1, 2, 3, 0 }, { 4, 5, 6, 7 }, { 8, 9, 0, 0 }, { 10, 11, 1, 2 } });
            using var together = encoder.forward(ids);
            for (var row = 0; row < 4; row++)
            {
                using var alone = encoder.forward(ids[row..(row + 1)]);
                using var same = together[row..(row + 1)];
                TestTensors.AssertClose(alone, same, 1e-5);
            }
        }

        [Fact]
        public void Padding_positions_do_not_change_the_encoding()
        {
            using var shorter = Transformer(length: 4, seed: 5);
            using var longer = Transformer(length: 7, seed: 6);
            foreach (var (name, value) in shorter.state_dict())
            {
                if (name == "positions.weight")
                {
                    using var first = Parameters.Get(longer, name)[0..4];
                    using (torch.no_grad())
                    {
                        first.copy_(value);
                    }
                }
                else
                {
                    Parameters.Set(longer, name, value);
                }
            }

            shorter.eval();
            longer.eval();
            using var ids = torch.tensor(new long[,] { { 3, 1, 4, 0 }, { 5, 0, 0, 0 } });
            using var padded = torch.nn.functional.pad(ids, [0, 3]);
            using var expected = shorter.forward(ids);
            using var actual = longer.forward(padded);
            TestTensors.AssertClose(expected, actual, 1e-5);

            // The check is not vacuous: padding read as tokens would change the result.
            using var asTokens = torch.cat([ids, torch.ones(2, 3, dtype: ScalarType.Int64)], 1);
            using var changed = longer.forward(asTokens);
            Assert.True((changed - expected).abs().max().ToSingle() > 1e-3);
        }

        [Fact]
        public void A_row_of_padding_only_gives_zeros_and_no_nan_forward_or_backward()
        {
            using var encoder = Transformer(length: 4);
            using var ids = torch.tensor(new long[,] { { 0, 0, 0, 0 }, { 2, 3, 0, 0 } });
            using var encoded = encoder.forward(ids);
            Assert.Equal(new float[8], TestTensors.Floats(encoded[0]));
            encoded.pow(2).sum().backward();
            Assert.All(encoder.parameters(), p => Assert.False(p.grad!.isnan().any().item<bool>()));
        }

        [Fact]
        public void Gradients_reach_every_parameter()
        {
            using var encoder = Transformer(length: 5, dropout: 0.1);
            using var ids = torch.tensor(new long[,] { { 1, 2, 3, 0, 0 }, { 4, 5, 6, 7, 8 }, { 9, 10, 11, 0, 0 } });
            using var encoded = encoder.forward(ids);
            using var direction = torch.randn(encoded.shape);
            (encoded * direction).sum().backward();
            foreach (var (name, parameter) in encoder.named_parameters())
            {
                Assert.True(parameter.grad is not null && parameter.grad.abs().sum().ToSingle() > 0, $"no gradient reached {name}");
            }
        }

        [Fact]
        public void Dropout_acts_in_training_and_evaluation_is_deterministic()
        {
            using var encoder = Transformer(length: 5, dropout: 0.3);
            using var ids = torch.tensor(new long[,] { { 1, 2, 3, 0, 0 }, { 4, 5, 6, 7, 8 } });
            using var first = encoder.forward(ids);
            using var second = encoder.forward(ids);
            Assert.NotEqual(TestTensors.Floats(first), TestTensors.Floats(second));

            encoder.eval();
            using var third = encoder.forward(ids);
            using var fourth = encoder.forward(ids);
            Assert.Equal(TestTensors.Floats(third), TestTensors.Floats(fourth));
        }

        [Fact]
        public void The_forward_check_names_the_field()
        {
            using var encoder = MeanPooling(out _);
            using var floats = torch.zeros(2, 4);
            var error = Assert.ThrowsAny<ArgumentException>(() => encoder.forward(floats));
            Assert.Equal("Title: expects int64 [N, 4], got float32 [2, 4]", error.Message);
        }

        [Theory]
        [InlineData(0, 2, 0, 0.0, "layers")]
        [InlineData(1, 3, 0, 0.0, "heads")]
        [InlineData(1, 0, 0, 0.0, "heads")]
        [InlineData(1, 2, -1, 0.0, "feedForward")]
        [InlineData(1, 2, 0, 1.0, "dropout")]
        public void Bad_transformer_settings_are_refused_naming_the_field(int layers, int heads, int feedForward, double dropout, string parameter)
        {
            var field = new TokenSequenceField("Title", vocabulary: 12, length: 4, width: 8);
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => new TextEncoder(field, TextEncoding.Transformer, layers, heads, feedForward, dropout));
            Assert.Equal(parameter, error.ParamName);
            Assert.StartsWith("Field 'Title': ", error.Message);
        }

        [Fact]
        public void Training_with_weight_decay_leaves_the_padding_and_reserved_rows_at_zero()
        {
            torch.manual_seed(8);
            var field = new TokenSequenceField("Title", vocabulary: 6, length: 3, width: 4);
            using var encoder = new TextEncoder(field, TextEncoding.Transformer, layers: 1, heads: 2, feedForward: 0, dropout: 0);
            using var optimizer = torch.optim.AdamW(encoder.parameters(), lr: 0.05, weight_decay: 0.1);
            using var ids = torch.tensor(new long[,] { { 1, 2, 0 }, { 5, 4, 3 }, { 0, 0, 0 } });
            for (var step = 0; step < 5; step++)
            {
                using var scope = torch.NewDisposeScope();
                optimizer.zero_grad();
                encoder.forward(ids).pow(2).sum().backward();
                optimizer.step();
            }

            var table = Parameters.Get(encoder, "tokens.weight");
            Assert.Equal(new float[4], TestTensors.Floats(table[0]));
            Assert.Equal(new float[4], TestTensors.Floats(table[6]));
        }

        [Theory]
        [InlineData(0, 16)]
        [InlineData(12, 12)]
        public void An_unset_feed_forward_width_is_twice_the_width(int feedForward, long expected)
        {
            var field = new TokenSequenceField("Title", vocabulary: 12, length: 4, width: 8);
            using var encoder = new TextEncoder(field, TextEncoding.Transformer, layers: 1, heads: 2, feedForward, dropout: 0);
            Assert.Equal(new[] { expected, 8 }, Parameters.Get(encoder, "encoder.layers.0.linear1.weight").shape);
        }
    }
}
