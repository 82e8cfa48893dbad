using System.Collections.Immutable;
using MultiTask.Generators.Model;

namespace MultiTask.Generators.Parsing
{
    /// <summary>The validator of <c>[MixtureOfExperts]</c> (MMoE): the expert count and the experts' widths, shared with PLE.</summary>
    internal static partial class Parser
    {
        private const string ExpertWidthsAdvice = "experts need at least one layer width, e.g. Hidden = new[] { 32 }";

        private static MixtureOfExpertsInfo ReadMixtureOfExperts(string name, string accessibility, ModuleTypeInfo? module, AttributeReader reader, ParseState state)
        {
            int experts = ReadCount(name, "Experts", 1, "a mixture needs at least 1 expert, e.g. [MixtureOfExperts(Experts = 4, Hidden = new[] { 32 })]", reader, state);
            ImmutableArray<int> hidden = ReadLayerWidths(name, ExpertWidthsAdvice, reader, state);
            string activation = ReadActivation(name, reader, state);
            double? weightDecay = ReadNonNegative(name, "WeightDecay", reader, state);
            return new MixtureOfExpertsInfo(name, accessibility, weightDecay, experts, hidden.ToEquatableArray(), activation);
        }
    }
}
