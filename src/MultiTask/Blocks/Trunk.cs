using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// A shared MLP trunk: <c>Linear -> [LayerNorm] -> activation -> [Dropout]</c> per hidden width,
    /// held in the <see cref="Sequential"/> field <c>layers</c> (state-dict keys <c>layers.0.weight</c>, ...).
    /// </summary>
    public sealed class Trunk : nn.Module<Tensor, Tensor>
    {
        private readonly Sequential layers;
        private readonly int layerCount;

        /// <summary>Builds the trunk.</summary>
        /// <param name="inputSize">Width of the input.</param>
        /// <param name="hidden">Hidden widths, in order; the last one is <see cref="OutputSize"/>.</param>
        /// <param name="activation">Activation after each linear layer.</param>
        /// <param name="dropout">Dropout probability after each activation; 0 for none.</param>
        /// <param name="layerNorm">Whether a layer norm follows each linear layer.</param>
        public Trunk(int inputSize, int[] hidden, Activation activation, double dropout, bool layerNorm)
            : base(nameof(Trunk))
        {
            InputSize = inputSize;
            (layers, layerCount, OutputSize) = HiddenLayers.Build(inputSize, hidden, activation, dropout, layerNorm);
            RegisterComponents();
        }

        /// <summary>Width of the input.</summary>
        public int InputSize { get; }

        /// <summary>Width of the output: the last hidden width (the input size when there is none).</summary>
        public int OutputSize { get; }

        /// <summary>Runs the layers on <paramref name="input"/> <c>[N, InputSize]</c>.</summary>
        public override Tensor forward(Tensor input) => layerCount == 0 ? input.alias() : layers.forward(input);
    }
}
