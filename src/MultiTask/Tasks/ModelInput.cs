using System;
using System.Linq;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>Checks a model's input shape (metadata only, no device sync).</summary>
    public static class ModelInput
    {
        /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="input"/> is <c>[N, inputSize]</c>.</summary>
        public static void Check(Tensor input, int inputSize, string model)
        {
            ArgumentNullException.ThrowIfNull(input);
            if (input.dim() != 2 || input.size(1) != inputSize)
            {
                throw new ArgumentException($"{model} expects input of shape [N, {inputSize}], got {Shapes.Format(input)}", nameof(input));
            }
        }
    }

    internal static class Shapes
    {
        public static string Format(Tensor tensor) => "[" + string.Join(", ", tensor.shape.Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";
    }
}
