using System;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>The functional form of <see cref="Activation"/>, for blocks that compute on batched parameters instead of modules.</summary>
    internal static class ActivationFunctions
    {
        /// <summary>Throws when <paramref name="activation"/> is not a known value.</summary>
        public static void Check(Activation activation)
        {
            if (!Enum.IsDefined(activation))
            {
                throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation.");
            }
        }

        /// <summary>A new tensor: <paramref name="activation"/> applied to <paramref name="input"/> (the same function as <see cref="Activations.Create"/>).</summary>
        public static Tensor Apply(Activation activation, Tensor input) => activation switch
        {
            Activation.ReLU => nn.functional.relu(input),
            Activation.GELU => nn.functional.gelu(input),
            Activation.Tanh => nn.functional.tanh(input),
            Activation.SiLU => nn.functional.silu(input),
            _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
        };
    }
}
