using MultiTask.Generators.Emit;
using MultiTask.Generators.Model;

namespace MultiTask.Generators.Plans
{
    /// <summary><c>[Categorical]</c>: int64 ids through an embedding table, its own or (with <c>SharesTableWith</c>) another field's.</summary>
    internal sealed class CategoricalFieldPlan(CategoricalFieldInfo info) : FieldPlan(info)
    {
        public override string Shape
        {
            get
            {
                string ids = info.Hashed ? $"ids hashed into {Literals.Number(info.Vocabulary)} buckets" : $"ids in [0, {Literals.Number(info.Vocabulary)})";
                return info.Values == 1
                    ? $"int64 [N] {ids}"
                    : $"int64 [N, {Literals.Number(info.Values)}] {ids}, -1 for an empty slot, {info.Pooling.ToLowerInvariant()}-pooled";
            }
        }

        public override string ColumnType => "global::MultiTask.CategoryColumn";

        public override bool ReadsAnotherField => info.SharesTableWith is not null;

        protected override string EncoderClass => "CategoricalEmbedding";

        protected override string DescriptorClass => "CategoricalField";

        protected override string DescriptorArguments
        {
            get
            {
                string arguments = $"vocabulary: {Literals.Number(info.Vocabulary)}, width: {Literals.Number(info.EmbeddingWidth)}";
                if (info.Hashed)
                {
                    arguments += ", hashed: true";
                }

                return info.Values == 1 ? arguments : $"{arguments}, values: {Literals.Number(info.Values)}, pooling: global::MultiTask.Pooling.{info.Pooling}";
            }
        }

        protected override string EncoderArguments => info.SharesTableWith is { } owner ? Emitter.Field(owner) : string.Empty;
    }
}
