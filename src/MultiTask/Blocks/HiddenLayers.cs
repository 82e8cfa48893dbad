using System;
using System.Collections.Generic;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>The hidden layers of trunks and towers: <c>Linear -> [LayerNorm] -> activation -> [Dropout]</c> per width.</summary>
    internal static class HiddenLayers
    {
        /// <summary>The layers as a <see cref="Sequential"/>, how many modules it holds, and the width it ends with.</summary>
        public static (Sequential Layers, int ModuleCount, int OutputWidth) Build(int inputSize, int[] hidden, Activation activation, double dropout = 0, bool layerNorm = false)
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

            return (nn.Sequential(modules), modules.Count, width);
        }
    }
}
