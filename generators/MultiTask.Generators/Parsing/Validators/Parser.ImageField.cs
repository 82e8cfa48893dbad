using System.Collections.Immutable;
using MultiTask.Generators.Diagnostics;
using MultiTask.Generators.Emit;
using MultiTask.Generators.Model;

namespace MultiTask.Generators.Parsing
{
    /// <summary>
    /// The validator of <c>[Image(channels, height, width)]</c>: positive sizes, at least one convolution block of positive
    /// channels, an odd positive kernel (MTL0066), and an image at least 2^blocks pixels on each side (MTL0067).
    /// </summary>
    internal static partial class Parser
    {
        private static FieldInfo ReadImageField(string name, string accessibility, AttributeReader reader, ParseState state)
        {
            int channels = reader.ConstructorInt(0) ?? 0;
            int height = reader.ConstructorInt(1) ?? 0;
            int width = reader.ConstructorInt(2) ?? 0;
            ImmutableArray<int> convolutions = reader.IntArray("Convolutions") ?? ImmutableArray<int>.Empty;
            int kernel = reader.Int("Kernel") ?? 3;
            if (reader.HasCompilerErrors)
            {
                return new ImageFieldInfo(name, accessibility, channels, height, width, convolutions.ToEquatableArray(), kernel);
            }

            CheckWidth(name, "channels", channels, reader.PositionalLocation(0), "the image", state);
            CheckWidth(name, "height", height, reader.PositionalLocation(1), "the image", state);
            CheckWidth(name, "width", width, reader.PositionalLocation(2), "the image", state);
            if (convolutions.IsEmpty)
            {
                state.Report(DiagnosticDescriptors.MissingArgument, reader.ArgumentLocation("Convolutions"), name, "Convolutions", "give the output channels of each convolution block, e.g. Convolutions = new[] { 16, 32 }");
            }

            CheckWidths(name, "Convolutions", convolutions, i => reader.ElementLocation("Convolutions", i), state);
            if (kernel < 1)
            {
                state.Report(DiagnosticDescriptors.InvalidArgument, reader.ArgumentLocation("Kernel"), name, "Kernel", Literals.Number(kernel), "expected an odd kernel of at least 1");
            }
            else if (kernel % 2 == 0)
            {
                state.Report(DiagnosticDescriptors.EvenKernel, reader.ArgumentLocation("Kernel"), name, Literals.Number(kernel));
            }

            int blocks = convolutions.Length;
            if (blocks > 0 && height > 0 && width > 0 && (blocks >= 31 || (height >> blocks) == 0 || (width >> blocks) == 0))
            {
                string least = blocks >= 31 ? "2^" + Literals.Number(blocks) : Literals.Number(1 << blocks);
                state.Report(DiagnosticDescriptors.ImageTooSmall, reader.ArgumentLocation("Convolutions"), name, Literals.Number(height), Literals.Number(width), Literals.Number(blocks), least);
            }

            return new ImageFieldInfo(name, accessibility, channels, height, width, convolutions.ToEquatableArray(), kernel);
        }
    }
}
