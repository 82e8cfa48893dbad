using System.Collections.Immutable;
using MultiTask.Generators.Diagnostics;
using MultiTask.Generators.Emit;
using MultiTask.Generators.Model;

namespace MultiTask.Generators.Parsing
{
    /// <summary>The validator of <c>[ProgressiveLayeredExtraction]</c> (CGC, PLE): shared and per-task expert counts, widths and levels.</summary>
    internal static partial class Parser
    {
        private static ExtractionInfo ReadExtraction(string name, string accessibility, ModuleTypeInfo? module, AttributeReader reader, ParseState state)
        {
            int sharedExperts = ReadCount(name, "SharedExperts", 1, "every level needs at least 1 shared expert, e.g. SharedExperts = 2", reader, state);
            int taskExperts = reader.Int("TaskExperts") ?? 0;
            if (taskExperts < 0)
            {
                state.Report(DiagnosticDescriptors.InvalidArgument, reader.ArgumentLocation("TaskExperts"), name, "TaskExperts", Literals.Number(taskExperts), "expected 0 or more experts of each task's own");
            }

            ImmutableArray<int> hidden = ReadLayerWidths(name, ExpertWidthsAdvice, reader, state);
            int levels = reader.Int("Levels") ?? 1;
            if (levels < 1)
            {
                state.Report(DiagnosticDescriptors.InvalidArgument, reader.ArgumentLocation("Levels"), name, "Levels", Literals.Number(levels), "expected at least 1 level (1 is CGC)");
            }

            string activation = ReadActivation(name, reader, state);
            double? weightDecay = ReadNonNegative(name, "WeightDecay", reader, state);
            return new ExtractionInfo(name, accessibility, weightDecay, sharedExperts, taskExperts, hidden.ToEquatableArray(), levels, activation);
        }
    }
}
