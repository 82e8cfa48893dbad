using System;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// A bank of E expert MLPs of the same shape, computed together: layer l holds one weight <c>[E, in, out]</c> (field
    /// <c>weights</c>, state-dict keys <c>weights.0</c>, ...) and one bias <c>[E, out]</c> (field <c>biases</c>, keys
    /// <c>biases.0</c>, ...), and each layer is one batched matrix product followed by the activation. Expert e's layer
    /// computes what <c>nn.Linear</c> with weight <c>weights[l][e]^T</c> and bias <c>biases[l][e]</c> computes.
    /// </summary>
    public sealed class ExpertBank : nn.Module<Tensor, Tensor>
    {
        private readonly ParameterList weights;
        private readonly ParameterList biases;

        /// <summary>Builds the bank; weights and biases are drawn like <c>nn.Linear</c>'s, from <c>U(-1/sqrt(in), 1/sqrt(in))</c>.</summary>
        /// <param name="inputSize">Width of each expert's input.</param>
        /// <param name="experts">Number of experts E.</param>
        /// <param name="hidden">Hidden widths of each expert (<c>Linear -> activation</c> per width); the last is <see cref="OutputSize"/>.</param>
        /// <param name="activation">Activation after each layer.</param>
        public ExpertBank(int inputSize, int experts, int[] hidden, Activation activation)
            : base(nameof(ExpertBank))
        {
            ArgumentNullException.ThrowIfNull(hidden);
            if (inputSize <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, "The input size must be positive.");
            }

            if (experts <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(experts), experts, "The number of experts must be positive.");
            }

            if (hidden.Length == 0)
            {
                throw new ArgumentException("Experts need at least one hidden width.", nameof(hidden));
            }

            ActivationFunctions.Check(activation);
            InputSize = inputSize;
            Experts = experts;
            Activation = activation;
            weights = new ParameterList();
            biases = new ParameterList();
            var width = inputSize;
            foreach (var next in hidden)
            {
                if (next <= 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(hidden), next, "Hidden widths must be positive.");
                }

                var bound = 1.0 / Math.Sqrt(width);
                weights.Add(Uniform([experts, width, next], bound));
                biases.Add(Uniform([experts, next], bound));
                width = next;
            }

            OutputSize = width;
            RegisterComponents();
        }

        /// <summary>Width of each expert's input.</summary>
        public int InputSize { get; }

        /// <summary>Number of experts.</summary>
        public int Experts { get; }

        /// <summary>Width of each expert's output: the last hidden width.</summary>
        public int OutputSize { get; }

        /// <summary>The activation after each layer.</summary>
        public Activation Activation { get; }

        /// <summary>
        /// Runs every expert: <paramref name="input"/> is <c>[N, InputSize]</c> (all experts read the same rows) or
        /// <c>[E, N, InputSize]</c> (expert e reads <c>input[e]</c>); returns <c>[E, N, OutputSize]</c>.
        /// </summary>
        public override Tensor forward(Tensor input)
        {
            ArgumentNullException.ThrowIfNull(input);
            var shared = input.dim() == 2;
            if ((!shared && input.dim() != 3) || input.size(-1) != InputSize || (!shared && input.size(0) != Experts))
            {
                throw new ArgumentException(
                    $"ExpertBank expects input of shape [N, {InputSize}] or [{Experts}, N, {InputSize}], got [{string.Join(", ", input.shape)}].",
                    nameof(input));
            }

            // [N, in] @ [E, in, out] broadcasts to [E, N, out]; [E, N, in] @ [E, in, out] is a batched product.
            var current = input.alias();
            for (var layer = 0; layer < weights.Count; layer++)
            {
                using var previous = current;
                using var bias = biases[layer].unsqueeze(1);
                using var product = torch.matmul(previous, weights[layer]);
                using var linear = product.add(bias);
                current = ActivationFunctions.Apply(Activation, linear);
            }

            return current;
        }

        private static Parameter Uniform(long[] shape, double bound)
        {
            using var noGrad = torch.no_grad();
            var values = torch.empty(shape);
            values.uniform_(-bound, bound);
            return new Parameter(values);
        }
    }
}
