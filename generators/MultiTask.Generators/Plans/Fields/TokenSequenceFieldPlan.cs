using MultiTask.Generators.Emit;
using MultiTask.Generators.Model;

namespace MultiTask.Generators.Plans
{
    /// <summary><c>[TokenSequence]</c>: int64 token ids (0 = padding) through a text encoder.</summary>
    internal sealed class TokenSequenceFieldPlan(TokenSequenceFieldInfo info) : FieldPlan(info)
    {
        public override string Shape => $"int64 [N, {Literals.Number(info.Length)}] token ids in [0, {Literals.Number(info.Vocabulary)}), 0 for padding";

        public override string ColumnType => "global::MultiTask.TextColumn";

        protected override string EncoderClass => "TextEncoder";

        protected override string DescriptorClass => "TokenSequenceField";

        protected override string DescriptorArguments
            => $"vocabulary: {Literals.Number(info.Vocabulary)}, length: {Literals.Number(info.Length)}, width: {Literals.Number(info.EncoderWidth)}";

        protected override string EncoderArguments
            => $"global::MultiTask.TextEncoding.{info.Encoder}, layers: {Literals.Number(info.Layers)}, heads: {Literals.Number(info.Heads)}, feedForward: {Literals.Number(info.FeedForward)}, dropout: {Literals.Number(info.Dropout)}";
    }
}
