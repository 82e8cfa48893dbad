using MultiTask.Generators.Emit;
using MultiTask.Generators.Model;

namespace MultiTask.Generators.Plans
{
    /// <summary><c>[Dense(size)]</c>: float32 features passed on as they are.</summary>
    internal sealed class DenseFieldPlan(DenseFieldInfo info) : FieldPlan(info)
    {
        public override string Shape => $"float32 [N, {Literals.Number(info.Size)}] features";

        public override string ColumnType => "global::MultiTask.InputColumns";

        protected override string EncoderClass => "DenseInput";

        protected override string DescriptorClass => "DenseField";

        protected override string DescriptorArguments => $"size: {Literals.Number(info.Size)}";
    }
}
