using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// One extraction level of <see cref="ProgressiveLayeredExtraction"/>: an <see cref="ExpertBank"/> (field <c>experts</c>)
    /// holding the shared experts first and then each task's own experts, one softmax gate per task over the shared experts
    /// and that task's experts (field <c>taskGates</c>, logits in that order), and, below the last level, a shared gate over
    /// all experts (field <c>sharedGate</c>) feeding the next level's shared path.
    /// </summary>
    internal sealed class ExtractionLevel : nn.Module
    {
        private readonly ExpertBank experts;
        private readonly ModuleList<Linear> taskGates;
        private readonly Linear? sharedGate;
        private readonly int tasks;
        private readonly int sharedExperts;
        private readonly int taskExperts;

        public ExtractionLevel(int inputSize, int tasks, int sharedExperts, int taskExperts, int[] hidden, Activation activation, bool last)
            : base(nameof(ExtractionLevel))
        {
            this.tasks = tasks;
            this.sharedExperts = sharedExperts;
            this.taskExperts = taskExperts;
            experts = new ExpertBank(inputSize, sharedExperts + tasks * taskExperts, hidden, activation);
            taskGates = new ModuleList<Linear>(Enumerable.Range(0, tasks).Select(_ => nn.Linear(inputSize, sharedExperts + taskExperts)).ToArray());
            sharedGate = last ? null : nn.Linear(inputSize, sharedExperts + tasks * taskExperts);
            RegisterComponents();
        }

        public int OutputSize => experts.OutputSize;

        /// <summary>The bank of this level's experts, shared ones first.</summary>
        public ExpertBank Experts => experts;

        /// <summary>Shared experts in this level.</summary>
        public int SharedExperts => sharedExperts;

        /// <summary>Each task's own experts in this level.</summary>
        public int TaskExperts => taskExperts;

        /// <summary>
        /// Mixes the experts for every task (and the shared path below the last level): returns the task outputs in order,
        /// followed by the shared output when there is a shared gate. With <paramref name="taskInputs"/> null every expert and
        /// gate reads <paramref name="sharedInput"/>; otherwise task k's experts and gate read <c>taskInputs[k]</c>. The gates'
        /// softmax weights are added to <paramref name="gateWeights"/> when given (else disposed).
        /// </summary>
        public Tensor[] Forward(Tensor sharedInput, Tensor[]? taskInputs, List<Tensor>? gateWeights)
        {
            using var expertOutputs = RunExperts(sharedInput, taskInputs);
            var full = new List<Tensor>(tasks + 1);
            try
            {
                for (var k = 0; k < tasks; k++)
                {
                    using var logits = taskGates[k].forward(taskInputs?[k] ?? sharedInput);
                    var weights = logits.softmax(-1);
                    full.Add(Spread(weights, k));
                    Keep(weights, gateWeights);
                }

                if (sharedGate is not null)
                {
                    using var logits = sharedGate.forward(sharedInput);
                    var weights = logits.softmax(-1);
                    full.Add(weights.alias());
                    Keep(weights, gateWeights);
                }

                using var stacked = torch.stack(full, 1);
                using var mixed = torch.einsum("nge,enh->gnh", stacked, expertOutputs);
                return mixed.unbind(0);
            }
            finally
            {
                foreach (var tensor in full)
                {
                    tensor.Dispose();
                }
            }
        }

        private Tensor RunExperts(Tensor sharedInput, Tensor[]? taskInputs)
        {
            if (taskInputs is null || taskExperts == 0)
            {
                return experts.forward(sharedInput);
            }

            var pieces = new List<Tensor>(tasks + 1);
            try
            {
                if (sharedExperts > 0)
                {
                    pieces.Add(sharedInput.unsqueeze(0).expand(sharedExperts, -1, -1));
                }

                foreach (var input in taskInputs)
                {
                    pieces.Add(input.unsqueeze(0).expand(taskExperts, -1, -1));
                }

                using var perExpert = torch.cat(pieces, 0);
                return experts.forward(perExpert);
            }
            finally
            {
                foreach (var piece in pieces)
                {
                    piece.Dispose();
                }
            }
        }

        /// <summary>Task k's weights <c>[N, S + T]</c> placed at their experts' positions in the bank, zero elsewhere: <c>[N, E]</c>.</summary>
        private Tensor Spread(Tensor weights, int task)
        {
            if (taskExperts == 0)
            {
                return weights.alias();
            }

            using var shared = weights.narrow(1, 0, sharedExperts);
            using var own = weights.narrow(1, sharedExperts, taskExperts);
            using var placed = nn.functional.pad(own, [task * taskExperts, (tasks - task - 1) * taskExperts]);
            return torch.cat([shared, placed], 1);
        }

        private static void Keep(Tensor weights, List<Tensor>? sink)
        {
            if (sink is null)
            {
                weights.Dispose();
            }
            else
            {
                sink.Add(weights);
            }
        }
    }
}
