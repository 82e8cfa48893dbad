using MultiTask.Generators.Emit;
using MultiTask.Generators.Model;
using static MultiTask.Generators.Emit.Emitter;

namespace MultiTask.Generators.Plans
{
    /// <summary><c>[Image(channels, height, width)]</c>: float32 images through a convolutional trunk.</summary>
    internal sealed class ImageFieldPlan(ImageFieldInfo info) : FieldPlan(info)
    {
        public override string Shape
            => $"float32 [N, {Literals.Number(info.Channels)}, {Literals.Number(info.Height)}, {Literals.Number(info.ImageWidth)}] images (or their [N, {Literals.Number(info.Channels * info.Height * info.ImageWidth)}] pixels)";

        public override string ColumnType => "global::MultiTask.InputColumns";

        protected override string EncoderClass => "ConvolutionalTrunk";

        protected override string DescriptorClass => "ImageField";

        protected override string DescriptorArguments
            => $"channels: {Literals.Number(info.Channels)}, height: {Literals.Number(info.Height)}, width: {Literals.Number(info.ImageWidth)}, convolutions: {IntList(info.Convolutions)}";

        protected override string EncoderArguments => $"convolutions: {IntList(info.Convolutions)}, kernel: {Literals.Number(info.Kernel)}";
    }
}
