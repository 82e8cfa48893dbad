using System;
using System.Collections.Generic;
using TorchSharp;
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
            ArgumentNullException.ThrowIfNull(hidden);
            if (inputSize <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, "The input size must be positive.");
            }

            if (dropout < 0 || dropout >= 1)
            {
                throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "Dropout must be in [0, 1).");
            }

            InputSize = inputSize;
            var modules = new List<nn.Module<Tensor, Tensor>>();
            var width = inputSize;
            foreach (var next in hidden)
            {
                if (next <= 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(hidden), next, "Hidden widths must be positive.");
                }

                modules.Add(nn.Linear(width, next));
                if (layerNorm)
                {
                    modules.Add(nn.LayerNorm(next));
                }

                modules.Add(Activations.Create(activation));
                if (dropout > 0)
                {
                    modules.Add(nn.Dropout(dropout));
                }

                width = next;
            }

            layerCount = modules.Count;
            OutputSize = width;
            layers = nn.Sequential(modules);
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
