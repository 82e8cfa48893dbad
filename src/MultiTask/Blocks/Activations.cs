using System;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>Creates the activation modules named by <see cref="Activation"/>.</summary>
    public static class Activations
    {
        /// <summary>A new module computing <paramref name="activation"/>.</summary>
        public static nn.Module<Tensor, Tensor> Create(Activation activation) => activation switch
        {
            Activation.ReLU => nn.ReLU(),
            Activation.GELU => nn.GELU(),
            Activation.Tanh => nn.Tanh(),
            Activation.SiLU => nn.SiLU(),
            _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
        };
    }
}
