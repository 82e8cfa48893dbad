using System;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// A task head: a tower (<c>Linear -> activation</c> per hidden width, field <c>tower</c>) and an output
    /// <see cref="Linear"/> (field <c>output</c>). Returns <c>[N]</c> when there is one output, else <c>[N, outputs]</c>.
    /// </summary>
    public sealed class Head : nn.Module<Tensor, Tensor>
    {
        private readonly Sequential tower;
        private readonly Linear output;
        private readonly int towerCount;

        /// <summary>Builds the head.</summary>
        /// <param name="inputSize">Width of the input (the trunk's output size).</param>
        /// <param name="hidden">Hidden widths of the tower; empty for none.</param>
        /// <param name="outputs">Number of outputs (classes, 1 for binary, regression targets).</param>
        /// <param name="activation">Activation after each tower layer.</param>
        public Head(int inputSize, int[] hidden, int outputs, Activation activation)
            : base(nameof(Head))
        {
            if (outputs <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(outputs), outputs, "The number of outputs must be positive.");
            }

            Outputs = outputs;
            (tower, towerCount, var width) = HiddenLayers.Build(inputSize, hidden, activation);
            output = nn.Linear(width, outputs);
            RegisterComponents();
        }

        /// <summary>Number of outputs.</summary>
        public int Outputs { get; }

        /// <summary>The tower (empty when the head has none); soft sharing pulls the towers of all heads together.</summary>
        public Sequential Tower => tower;

        /// <summary>Runs the tower and the output layer.</summary>
        public override Tensor forward(Tensor input)
        {
            if (towerCount == 0)
            {
                return Squeeze(output.forward(input));
            }

            using var hidden = tower.forward(input);
            return Squeeze(output.forward(hidden));
        }

        private Tensor Squeeze(Tensor result)
        {
            if (Outputs != 1)
            {
                return result;
            }

            using (result)
            {
                return result.squeeze(-1);
            }
        }
    }
}
