using System;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>Checks a model's input: its shape (metadata only, no device sync) and, for a data set, its dtype.</summary>
    public static class ModelInput
    {
        // Integers up to 2^24 in magnitude are exact in float32's 24-bit significand.
        private const long LargestExactInteger = 1L << 24;

        /// <summary>
        /// A data set's input as the float32 <c>[N, inputSize]</c> rows the model computes with: float32 itself; float16,
        /// bfloat16, bool, int8, uint8 and int16 converted (every value is exact in float32); int32 and int64 converted when
        /// every value is within +-2^24 (one device sync). Anything else is an error, since converting it would round.
        /// </summary>
        /// <exception cref="ArgumentException">The shape is wrong, or the dtype does not convert losslessly; the message names the model and both dtypes.</exception>
        public static Tensor Checked(Tensor input, int inputSize, string model)
        {
            Check(input, inputSize, model);
            switch (input.dtype)
            {
                case ScalarType.Float32:
                    return input;
                case ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Bool or ScalarType.Int8 or ScalarType.Byte or ScalarType.Int16:
                    return input.to(ScalarType.Float32);
                case ScalarType.Int32 or ScalarType.Int64 when FitsFloat32(input):
                    return input.to(ScalarType.Float32);
                case ScalarType.Int32 or ScalarType.Int64:
                    throw new ArgumentException($"{model} expects Float32 input; the {input.dtype} input has values beyond +-2^24, which Float32 cannot hold exactly. Convert it with input.to(ScalarType.Float32) if rounding them is acceptable.", nameof(input));
                default:
                    throw new ArgumentException($"{model} expects Float32 input, got {input.dtype}, which Float32 cannot hold exactly. Convert it with input.to(ScalarType.Float32) if the rounding is acceptable.", nameof(input));
            }
        }

        /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="input"/> is <c>[N, inputSize]</c>.</summary>
        public static void Check(Tensor input, int inputSize, string model)
        {
            ArgumentNullException.ThrowIfNull(input);
            if (input.dim() != 2 || input.size(1) != inputSize)
            {
                throw new ArgumentException($"{model} expects input of shape [N, {inputSize}], got {Shapes.Format(input)}", nameof(input));
            }
        }

        private static bool FitsFloat32(Tensor input)
        {
            if (input.numel() == 0)
            {
                return true;
            }

            using var magnitude = input.abs();
            using var largest = magnitude.max();
            // abs of the most negative int64 overflows to itself: negative, so it fails the test below as it should.
            var value = largest.ToInt64();
            return value >= 0 && value <= LargestExactInteger;
        }
    }

    internal static class Shapes
    {
        public static string Format(Tensor tensor) => "[" + string.Join(", ", tensor.shape.Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";
    }
}
