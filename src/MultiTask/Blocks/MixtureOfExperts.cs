using System;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// Multi-gate mixture of experts (MMoE, Ma et al. 2018): E experts shared by all tasks (an <see cref="ExpertBank"/>,
    /// field <c>experts</c>) and one softmax gate per task, all computed by one <see cref="Linear"/> (field <c>gates</c>,
    /// <c>[inputSize] -> [tasks * experts]</c>; rows <c>k * E .. k * E + E - 1</c> of its weight are task k's gate).
    /// Task k's output is <c>f^k(x) = sum_i softmax(W_k x)_i * e_i(x)</c>, <c>[N, OutputSize]</c>; a head reads it.
    /// </summary>
    public sealed class MixtureOfExperts : nn.Module<Tensor, Tensor[]>
    {
        private readonly ExpertBank experts;
        private readonly Linear gates;

        /// <summary>Builds the experts and the gates.</summary>
        /// <param name="inputSize">Width of the input.</param>
        /// <param name="experts">Number of experts E.</param>
        /// <param name="hidden">Hidden widths of each expert; the last is <see cref="OutputSize"/>.</param>
        /// <param name="tasks">Number of tasks K (one gate each).</param>
        /// <param name="activation">Activation after each expert layer.</param>
        public MixtureOfExperts(int inputSize, int experts, int[] hidden, int tasks, Activation activation)
            : base(nameof(MixtureOfExperts))
        {
            if (tasks <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(tasks), tasks, "The number of tasks must be positive.");
            }

            this.experts = new ExpertBank(inputSize, experts, hidden, activation);
            gates = nn.Linear(inputSize, (long)tasks * experts);
            Tasks = tasks;
            RegisterComponents();
        }

        /// <summary>Width of the input.</summary>
        public int InputSize => experts.InputSize;

        /// <summary>Number of experts.</summary>
        public int Experts => experts.Experts;

        /// <summary>Number of tasks (gates, outputs).</summary>
        public int Tasks { get; }

        /// <summary>Width of each task's output: the experts' last hidden width.</summary>
        public int OutputSize => experts.OutputSize;

        /// <summary>One mixture per task, in task order, each <c>[N, OutputSize]</c>, from <paramref name="input"/> <c>[N, InputSize]</c>.</summary>
        public override Tensor[] forward(Tensor input)
        {
            using var weights = GateProbabilities(input);
            using var expertOutputs = experts.forward(input);
            using var mixed = torch.einsum("nke,enh->knh", weights, expertOutputs);
            return mixed.unbind(0);
        }

        /// <summary>Each task's gate weights over the experts, <c>[N, Experts]</c> per task, every row summing to one.</summary>
        public Tensor[] GateWeights(Tensor input)
        {
            using var weights = GateProbabilities(input);
            return weights.unbind(1);
        }

        /// <summary>All gates' softmax weights, <c>[N, Tasks, Experts]</c>.</summary>
        private Tensor GateProbabilities(Tensor input)
        {
            ArgumentNullException.ThrowIfNull(input);
            if (input.dim() != 2 || input.size(1) != InputSize)
            {
                throw new ArgumentException(
                    $"MixtureOfExperts expects input of shape [N, {InputSize}], got [{string.Join(", ", input.shape)}].", nameof(input));
            }

            using var logits = gates.forward(input);
            using var perTask = logits.view(input.size(0), Tasks, Experts);
            return perTask.softmax(-1);
        }
    }
}
