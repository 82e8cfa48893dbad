using MultiTask.Generators.Tests.Infrastructure;
using Xunit;

namespace MultiTask.Generators.Tests
{
    /// <summary>What input fields report: the model's settings (MTL0060, MTL0061, MTL0068), each kind's arguments (MTL0062-MTL0067) and the shared checks they reuse.</summary>
    public sealed class FieldDiagnosticTests
    {
        /// <summary>A model with <paramref name="fields"/> (members' text), a trunk and two heads.</summary>
        private static string Model(string fields, string modelArguments = "", string trunk = "[SharedTrunk(8)] public partial Trunk Body { get; }") => $$"""
            using MultiTask;

            namespace Samples;

            [MultiTaskModel{{modelArguments}}]
            public partial class Shop
            {
                {{fields}}

                {{trunk}}

                [BinaryHead]
                public partial Head Click { get; }

                [RegressionHead]
                public partial Head Spend { get; }
            }
            """;

        private const string User = "[Categorical(Vocabulary = 10, Width = 4)] public partial CategoricalEmbedding User { get; }";

        [Fact]
        public void A_valid_field_model_reports_nothing()
        {
            DiagnosticAssert.Reports(Model(User + " [Categorical(SharesTableWith = nameof(User), Values = 3, Width = 4)] public partial CategoricalEmbedding Recent { get; } [Dense(2)] public partial DenseInput Numeric { get; }"));
        }

        [Fact]
        public void MTL0060_input_size_beside_fields()
        {
            DiagnosticAssert.Reports(
                Model(User, modelArguments: "([|InputSize = 12|])"),
                new Expected("MTL0060", "Model 'Shop' declares InputSize = 12 beside its input fields; remove InputSize: the trunk reads the fields' encodings, as wide as their widths together"));
        }

        [Fact]
        public void MTL0061_fields_with_one_input_per_task()
        {
            DiagnosticAssert.Reports(
                Model(User, modelArguments: "([|InputPerTask = true|])"),
                new Expected("MTL0061", "Model 'Shop' declares input fields and InputPerTask, which input fields do not support (every task reads the one set of fields); remove InputPerTask"));
        }

        [Theory]
        [InlineData("[|Categorical(Width = 4)|]", "'User': [Categorical] declares neither Vocabulary nor HashBuckets; give exactly one of Vocabulary (ids 0 to n - 1) and HashBuckets (any id, hashed into n rows)")]
        [InlineData("Categorical(Vocabulary = 10, [|HashBuckets = 64|], Width = 4)", "'User': [Categorical] declares both Vocabulary = 10 and HashBuckets = 64; give exactly one of Vocabulary (ids 0 to n - 1) and HashBuckets (any id, hashed into n rows)")]
        public void MTL0062_neither_or_both_table_sizes(string attribute, string message)
        {
            DiagnosticAssert.Reports(
                Model($"[{attribute}] public partial CategoricalEmbedding User {{ get; }}"),
                new Expected("MTL0062", message));
        }

        [Theory]
        [InlineData("\"Nobody\"", "names no input field of the model")]
        [InlineData("nameof(Recent)", "names the field itself")]
        [InlineData("nameof(Numeric)", "names 'Numeric', a [Dense] field")]
        [InlineData("nameof(Other)", "names 'Other', which reads the table of 'User' itself")]
        public void MTL0063_shares_no_table(string owner, string problem)
        {
            string fields = User
                + $" [Categorical([|SharesTableWith = {owner}|])] public partial CategoricalEmbedding Recent {{ get; }}"
                + " [Categorical(SharesTableWith = nameof(User))] public partial CategoricalEmbedding Other { get; }"
                + " [Dense(2)] public partial DenseInput Numeric { get; }";
            string name = owner.Trim('"').Replace("nameof(", string.Empty).TrimEnd(')');
            DiagnosticAssert.Reports(
                Model(fields),
                new Expected("MTL0063", $"'Recent': SharesTableWith = \"{name}\" {problem}; name another [Categorical] field that has its own table, e.g. with nameof"));
        }

        [Fact]
        public void A_table_owner_with_its_own_error_is_not_reported_again_by_its_sharer()
        {
            DiagnosticAssert.Reports(
                Model("[Categorical(Vocabulary = 10, Width = 4)] public partial Head [|User|] { get; } [Categorical(SharesTableWith = nameof(User))] public partial CategoricalEmbedding Recent { get; }"),
                new Expected("MTL0003", "'User' has [Categorical] but is of type 'MultiTask.Head'; declare it as 'public partial CategoricalEmbedding User { get; }'"));
        }

        [Theory]
        [InlineData("[|SharesTableWith = nameof(User)|], Width = 8", "Width = 8; a shared table's Width is its owner's (4): remove Width")]
        [InlineData("SharesTableWith = nameof(User), [|Vocabulary = 10|]", "Vocabulary = 10; a shared table's Vocabulary is its owner's: remove Vocabulary")]
        public void MTL0064_sharer_declares_the_table(string arguments, string message)
        {
            DiagnosticAssert.Reports(
                Model(User + $" [Categorical({arguments})] public partial CategoricalEmbedding Recent {{ get; }}"),
                new Expected("MTL0064", "'Recent' reads the table of 'User' but declares " + message));
        }

        [Fact]
        public void MTL0065_heads_not_dividing_the_width()
        {
            DiagnosticAssert.Reports(
                Model("[TokenSequence(Vocabulary = 100, Length = 8, Width = 30, Encoder = TextEncoding.Transformer, [|Heads = 4|])] public partial TextEncoder Title { get; }"),
                new Expected("MTL0065", "'Title': Heads = 4 does not divide Width = 30; the Transformer splits the width evenly among its heads (e.g. Heads = 3)"));
        }

        [Fact]
        public void MTL0066_even_kernel()
        {
            DiagnosticAssert.Reports(
                Model("[Image(1, 8, 8, Convolutions = new[] { 4 }, [|Kernel = 4|])] public partial ConvolutionalTrunk Pixels { get; }"),
                new Expected("MTL0066", "'Pixels': Kernel = 4 is even; give an odd kernel (3, 5, ...), which padding keeps the image's size with"));
        }

        [Fact]
        public void MTL0067_image_too_small_for_its_blocks()
        {
            DiagnosticAssert.Reports(
                Model("[Image(1, 8, 4, [|Convolutions = new[] { 4, 8, 16 }|])] public partial ConvolutionalTrunk Pixels { get; }"),
                new Expected("MTL0067", "'Pixels': a 8x4 image is too small for 3 convolution blocks, each of which halves it; give at least 8x8 pixels or fewer Convolutions"));
        }

        [Fact]
        public void MTL0068_autoencoder_over_embeddings()
        {
            DiagnosticAssert.Reports(
                Model(User + " [Dense(2)] public partial DenseInput Numeric { get; }", trunk: "[[|AutoencoderTrunk(4, 8)|]] public partial AutoencoderTrunk Body { get; }"),
                new Expected("MTL0068", "Model 'Shop': [AutoencoderTrunk] 'Body' reconstructs what it reads, but [Categorical] 'User' is encoded by trained layers, so the reconstruction target would move with them; use another shared component, or only [Dense] fields"));
        }

        [Fact]
        public void An_autoencoder_over_dense_fields_only_is_generated()
        {
            GeneratorRun run = DiagnosticAssert.Reports(Model("[Dense(3)] public partial DenseInput A { get; } [Dense(2)] public partial DenseInput B { get; }", trunk: "[AutoencoderTrunk(4, 8)] public partial AutoencoderTrunk Body { get; }"));
            Assert.Single(run.Result.GeneratedSources);
            Assert.Contains("ComputeLoss(outputs, batch.Targets, Encode(batch.Input))", run.Result.GeneratedSources[0].SourceText.ToString());
        }

        [Theory]
        [InlineData("[Dense([|0|])] public partial DenseInput Numeric { get; }", "MTL0050", "'Numeric': size = 0 is not a positive width; give the field at least 1 unit")]
        [InlineData("[Categorical(Vocabulary = 10, [|Width = 0|])] public partial CategoricalEmbedding User { get; }", "MTL0050", "'User': Width = 0 is not a positive width; give the embedding at least 1 unit")]
        [InlineData("[[|Categorical(Vocabulary = 10)|]] public partial CategoricalEmbedding User { get; }", "MTL0051", "'User': Width is required; give the embedding width, e.g. Width = 16")]
        [InlineData("[Categorical([|HashBuckets = 0|], Width = 4)] public partial CategoricalEmbedding User { get; }", "MTL0005", "'User': HashBuckets = 0 is invalid; expected at least 1 row of the table")]
        [InlineData("[Categorical(Vocabulary = 10, Width = 4, [|Values = 0|])] public partial CategoricalEmbedding User { get; }", "MTL0005", "'User': Values = 0 is invalid; expected at least 1 (1 for one id a row, more for a multi-valued field)")]
        [InlineData("[TokenSequence([|Vocabulary = 1|], Length = 8, Width = 4)] public partial TextEncoder Title { get; }", "MTL0005", "'Title': Vocabulary = 1 is invalid; expected at least 2")]
        [InlineData("[TokenSequence(Vocabulary = 9, Length = 8, Width = 4, [|Layers = 0|])] public partial TextEncoder Title { get; }", "MTL0005", "'Title': Layers = 0 is invalid; expected at least 1")]
        [InlineData("[TokenSequence(Vocabulary = 9, Length = 8, Width = 4, [|Dropout = 1|])] public partial TextEncoder Title { get; }", "MTL0005", "'Title': Dropout = 1 is invalid; expected a probability in [0, 1)")]
        [InlineData("[Image(1, [|0|], 8, Convolutions = new[] { 4 })] public partial ConvolutionalTrunk Pixels { get; }", "MTL0050", "'Pixels': height = 0 is not a positive width; give the image at least 1 unit")]
        [InlineData("[[|Image(1, 8, 8)|]] public partial ConvolutionalTrunk Pixels { get; }", "MTL0051", "'Pixels': Convolutions is required; give the output channels of each convolution block, e.g. Convolutions = new[] { 16, 32 }")]
        [InlineData("[Dense(3)] public partial Head [|Numeric|] { get; }", "MTL0003", "'Numeric' has [Dense] but is of type 'MultiTask.Head'; declare it as 'public partial DenseInput Numeric { get; }'")]
        public void Field_arguments_share_the_range_width_and_type_checks(string field, string id, string message)
        {
            DiagnosticAssert.Reports(Model(field), new Expected(id, message));
        }
    

        [Theory]
        [InlineData("Features", "the generated model already has a member 'Features'")]
        [InlineData("Encode", "the generated model already has a member 'Encode'")]
        [InlineData("ClickField", "the generated model has the static field 'ClickField' of the input field 'Click'")]
        public void A_field_name_that_meets_a_generated_member_is_MTL0010(string name, string reason)
        {
            string fields = $"[Dense(2)] public partial DenseInput [|{name}|] {{ get; }}" + (name == "ClickField" ? " [Dense(1)] public partial DenseInput Click { get; }" : string.Empty);
            string source = Model(fields);
            if (name == "ClickField")
            {
                // The field Click meets the head Click (CS0102) unless the head is renamed.
                source = source.Replace("public partial Head Click", "public partial Head Clicked", System.StringComparison.Ordinal);
            }

            DiagnosticAssert.Reports(source, new Expected("MTL0010", $"'{name}' cannot be used as a trunk or head name: {reason}; rename it"));
        }
    }
}
