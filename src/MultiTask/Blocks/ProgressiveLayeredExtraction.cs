using System;
using System.Collections.Generic;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// Progressive layered extraction (PLE, Tang et al. 2020); one level is customized gate control (CGC). Each level has
    /// shared experts and each task's own experts, computed together in one <see cref="ExpertBank"/> (shared experts first,
    /// then task 0's, task 1's, ...). Task k's softmax gate mixes the shared experts and task k's experts (gate logits in that
    /// order); below the last level a shared gate mixes all experts into the next level's shared path, and task k's path
    /// feeds task k's experts and gate at the next level. Field <c>levels</c> (a module list) holds the levels; level l's
    /// state-dict keys are <c>levels.l.experts.weights.0</c>, <c>levels.l.taskGates.k.weight</c>, <c>levels.l.sharedGate.weight</c>, ....
    /// </summary>
    public sealed class ProgressiveLayeredExtraction : nn.Module<Tensor, Tensor[]>
    {
        private readonly ModuleList<ExtractionLevel> levels;

        /// <summary>Builds the levels.</summary>
        /// <param name="inputSize">Width of the input.</param>
        /// <param name="tasks">Number of tasks K.</param>
        /// <param name="sharedExperts">Shared experts per level.</param>
        /// <param name="taskExperts">Each task's own experts per level.</param>
        /// <param name="hidden">Hidden widths of every expert; the last is <see cref="OutputSize"/> and the input width of the next level.</param>
        /// <param name="levels">Number of extraction levels; 1 is CGC.</param>
        /// <param name="activation">Activation after each expert layer.</param>
        public ProgressiveLayeredExtraction(int inputSize, int tasks, int sharedExperts, int taskExperts, int[] hidden, int levels, Activation activation)
            : base(nameof(ProgressiveLayeredExtraction))
        {
            ArgumentNullException.ThrowIfNull(hidden);
            if (tasks <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(tasks), tasks, "The number of tasks must be positive.");
            }

            if (sharedExperts < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(sharedExperts), sharedExperts, "The number of shared experts cannot be negative.");
            }

            if (taskExperts < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(taskExperts), taskExperts, "The number of task experts cannot be negative.");
            }

            if (sharedExperts + taskExperts == 0)
            {
                throw new ArgumentException("Each task's gate needs at least one expert: sharedExperts + taskExperts must be positive.", nameof(taskExperts));
            }

            if (levels <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(levels), levels, "The number of levels must be positive.");
            }

            InputSize = inputSize;
            Tasks = tasks;
            Levels = levels;
            var built = new ExtractionLevel[levels];
            var width = inputSize;
            for (var l = 0; l < levels; l++)
            {
                built[l] = new ExtractionLevel(width, tasks, sharedExperts, taskExperts, hidden, activation, last: l == levels - 1);
                width = built[l].OutputSize;
            }

            OutputSize = width;
            this.levels = new ModuleList<ExtractionLevel>(built);
            RegisterComponents();
        }

        /// <summary>Width of the input.</summary>
        public int InputSize { get; }

        /// <summary>Number of tasks (outputs).</summary>
        public int Tasks { get; }

        /// <summary>Number of extraction levels.</summary>
        public int Levels { get; }

        /// <summary>Width of each task's output: the experts' last hidden width.</summary>
        public int OutputSize { get; }

        /// <summary>One output per task, in task order, each <c>[N, OutputSize]</c>, from <paramref name="input"/> <c>[N, InputSize]</c>.</summary>
        public override Tensor[] forward(Tensor input) => Run(input, null);

        /// <summary>
        /// The softmax weights of every gate, per level: task k's gate at index k (<c>[N, sharedExperts + taskExperts]</c>, shared
        /// experts first), then, on every level but the last, the shared gate (<c>[N, sharedExperts + tasks * taskExperts]</c>,
        /// in bank order). Every row sums to one.
        /// </summary>
        public Tensor[][] GateWeights(Tensor input)
        {
            var gates = new List<Tensor>[Levels];
            foreach (var output in Run(input, gates))
            {
                output.Dispose();
            }

            return Array.ConvertAll(gates, level => level.ToArray());
        }

        private Tensor[] Run(Tensor input, List<Tensor>[]? gates)
        {
            ArgumentNullException.ThrowIfNull(input);
            if (input.dim() != 2 || input.size(1) != InputSize)
            {
                throw new ArgumentException(
                    $"ProgressiveLayeredExtraction expects input of shape [N, {InputSize}], got [{string.Join(", ", input.shape)}].", nameof(input));
            }

            Tensor[]? paths = null;
            for (var l = 0; l < Levels; l++)
            {
                List<Tensor>? sink = null;
                if (gates is not null)
                {
                    sink = gates[l] = [];
                }

                var previous = paths;
                try
                {
                    paths = previous is null
                        ? levels[l].Forward(input, null, sink)
                        : levels[l].Forward(previous[Tasks], previous[..Tasks], sink);
                }
                finally
                {
                    if (previous is not null)
                    {
                        foreach (var path in previous)
                        {
                            path.Dispose();
                        }
                    }
                }
            }

            return paths!;
        }
    }
}
