using System.Collections.Immutable;
using MultiTask.Generators.Diagnostics;
using MultiTask.Generators.Emit;
using MultiTask.Generators.Model;

namespace MultiTask.Generators.Parsing
{
    /// <summary>The validator of <c>[CrossStitch]</c>: the towers' widths, activation, dropout, layer norm and initial self weight.</summary>
    internal static partial class Parser
    {
        private static CrossStitchInfo ReadCrossStitch(string name, string accessibility, ModuleTypeInfo? module, AttributeReader reader, ParseState state)
        {
            ImmutableArray<int> hidden = ReadLayerWidths(name, "the towers need at least one layer width (a mixing follows each layer), e.g. Hidden = new[] { 32, 16 }", reader, state);
            string activation = ReadActivation(name, reader, state);
            double dropout = ReadDropout(name, reader, state);
            bool layerNorm = reader.Bool("LayerNorm") ?? false;
            double selfWeight = reader.Double("SelfWeight") ?? 0.9;
            if (!(selfWeight > 0 && selfWeight <= 1))
            {
                state.Report(DiagnosticDescriptors.InvalidArgument, reader.ArgumentLocation("SelfWeight"), name, "SelfWeight", Literals.Number(selfWeight), "expected a weight in (0, 1] for each task's own tower");
            }

            double? weightDecay = ReadNonNegative(name, "WeightDecay", reader, state);
            return new CrossStitchInfo(name, accessibility, weightDecay, hidden.ToEquatableArray(), activation, dropout, layerNorm, selfWeight);
        }
    }
}
