using System;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// Cross-stitch network (Misra et al. 2016): one tower per task, all of the same widths, and after each layer l a learned
    /// K x K mixing of the towers' activations, <c>h_i &lt;- sum_j a^l_ij h_j</c>. Task k's layer l is
    /// <c>Linear -> [LayerNorm] -> activation -> [Dropout]</c>, held in field <c>towers</c> (state-dict keys
    /// <c>towers.k.l.0.weight</c>, <c>towers.k.l.0.bias</c>, ...); the mixings are one parameter <c>stitches</c> of shape
    /// <c>[layers, K, K]</c>, <c>stitches[l, i, j] = a^l_ij</c>. Each mixing starts near identity: <c>a_ii = selfWeight</c>
    /// (0.9 by default) and <c>a_ij = (1 - selfWeight) / (K - 1)</c> off the diagonal, so every row sums to one and each task
    /// starts mostly on its own tower. With identity mixings the towers are independent.
    /// </summary>
    public sealed class CrossStitchNetwork : nn.Module<Tensor, Tensor[]>
    {
        private readonly ModuleList<ModuleList<Sequential>> towers;
        private readonly Parameter stitches;

        /// <summary>Builds the towers and the mixings.</summary>
        /// <param name="inputSize">Width of the input every tower reads.</param>
        /// <param name="tasks">Number of tasks K (one tower each).</param>
        /// <param name="hidden">Widths of the layers of every tower (at least one); the last is <see cref="OutputSize"/>.</param>
        /// <param name="activation">Activation after each linear layer.</param>
        /// <param name="dropout">Dropout probability after each activation; 0 for none.</param>
        /// <param name="layerNorm">Whether a layer norm follows each linear layer.</param>
        /// <param name="selfWeight">Initial weight of a task's own tower in each mixing, in (0, 1]; 1 starts at identity.</param>
        public CrossStitchNetwork(int inputSize, int tasks, int[] hidden, Activation activation, double dropout = 0, bool layerNorm = false, double selfWeight = 0.9)
            : base(nameof(CrossStitchNetwork))
        {
            ArgumentNullException.ThrowIfNull(hidden);
            if (tasks <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(tasks), tasks, "The number of tasks must be positive.");
            }

            if (hidden.Length == 0)
            {
                throw new ArgumentException("A cross-stitch network needs at least one layer: the mixing follows each layer.", nameof(hidden));
            }

            if (!(selfWeight > 0 && selfWeight <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(selfWeight), selfWeight, "The initial self weight must be in (0, 1].");
            }

            var built = new ModuleList<Sequential>[tasks];
            for (var k = 0; k < tasks; k++)
            {
                var layers = new Sequential[hidden.Length];
                var width = inputSize;
                for (var l = 0; l < hidden.Length; l++)
                {
                    (layers[l], _, width) = HiddenLayers.Build(width, [hidden[l]], activation, dropout, layerNorm);
                }

                built[k] = new ModuleList<Sequential>(layers);
            }

            InputSize = inputSize;
            Tasks = tasks;
            Layers = hidden.Length;
            OutputSize = hidden[^1];
            towers = new ModuleList<ModuleList<Sequential>>(built);
            stitches = new Parameter(InitialStitches(hidden.Length, tasks, selfWeight));
            RegisterComponents();
        }

        /// <summary>Width of the input.</summary>
        public int InputSize { get; }

        /// <summary>Number of tasks (towers, outputs).</summary>
        public int Tasks { get; }

        /// <summary>Number of layers of each tower, and of mixings.</summary>
        public int Layers { get; }

        /// <summary>Width of each task's output: the last hidden width.</summary>
        public int OutputSize { get; }

        /// <summary>The mixings <c>[Layers, Tasks, Tasks]</c>; <c>Stitches[l, i, j]</c> is how much task i reads tower j after layer l.</summary>
        public Parameter Stitches => stitches;

        /// <summary>One output per task, in task order, each <c>[N, OutputSize]</c>, from <paramref name="input"/> <c>[N, InputSize]</c>.</summary>
        public override Tensor[] forward(Tensor input)
        {
            ArgumentNullException.ThrowIfNull(input);
            if (input.dim() != 2 || input.size(1) != InputSize)
            {
                throw new ArgumentException(
                    $"CrossStitchNetwork expects input of shape [N, {InputSize}], got [{string.Join(", ", input.shape)}].", nameof(input));
            }

            Tensor? mixed = null;
            for (var l = 0; l < Layers; l++)
            {
                var activations = new Tensor[Tasks];
                try
                {
                    for (var k = 0; k < Tasks; k++)
                    {
                        using var towerInput = mixed is null ? input.alias() : mixed[k];
                        activations[k] = towers[k][l].forward(towerInput);
                    }

                    using var stacked = torch.stack(activations, 0);
                    using var stitch = stitches[l];
                    mixed?.Dispose();
                    mixed = torch.einsum("ij,jnh->inh", stitch, stacked);
                }
                finally
                {
                    foreach (var activation in activations)
                    {
                        activation?.Dispose();
                    }
                }
            }

            using (mixed)
            {
                return mixed!.unbind(0);
            }
        }

        /// <summary><c>[layers, K, K]</c>: <paramref name="selfWeight"/> on each diagonal, the rest of each row shared evenly.</summary>
        private static Tensor InitialStitches(int layers, int tasks, double selfWeight)
        {
            var other = tasks == 1 ? 0 : (1 - selfWeight) / (tasks - 1);
            var values = new float[layers * tasks * tasks];
            for (var l = 0; l < layers; l++)
            {
                for (var i = 0; i < tasks; i++)
                {
                    for (var j = 0; j < tasks; j++)
                    {
                        values[(l * tasks + i) * tasks + j] = (float)(i == j ? (tasks == 1 ? 1 : selfWeight) : other);
                    }
                }
            }

            return torch.tensor(values, [layers, tasks, tasks]);
        }
    }
}
