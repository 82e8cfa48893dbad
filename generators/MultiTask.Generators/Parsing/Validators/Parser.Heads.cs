using System.Collections.Immutable;
using MultiTask.Generators.Model;

namespace MultiTask.Generators.Parsing
{
    /// <summary>The validator every head shares: the tower, the loss weight, the learning rate and weight decay; the task's own arguments are its kind's (<see cref="TaskValidator"/>).</summary>
    internal static partial class Parser
    {
        private static HeadInfo ReadHead(string name, string accessibility, TaskValidator readTask, ModuleTypeInfo? module, AttributeReader reader, ParseState state)
        {
            if (module is not null)
            {
                RejectArguments(name, reader, state, "a custom head module builds its own layers", "Hidden", "Activation");
            }

            ImmutableArray<int> hidden = reader.IntArray("Hidden") ?? ImmutableArray<int>.Empty;
            CheckWidths(name, "Hidden", hidden, i => reader.ElementLocation("Hidden", i), state);

            string activation = ReadActivation(name, reader, state);
            double weight = ReadNonNegative(name, "Weight", reader, state) ?? 1;
            double? learningRate = ReadNonNegative(name, "LearningRate", reader, state);
            double? weightDecay = ReadNonNegative(name, "WeightDecay", reader, state);

            TaskInfo task = readTask(name, reader, state);
            return new HeadInfo(name, accessibility, hidden.ToEquatableArray(), activation, weight, learningRate, weightDecay, task, module);
        }
    }
}
