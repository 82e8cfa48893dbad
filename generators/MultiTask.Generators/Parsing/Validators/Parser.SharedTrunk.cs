using System.Collections.Immutable;
using MultiTask.Generators.Model;

namespace MultiTask.Generators.Parsing
{
    /// <summary>The validator of <c>[SharedTrunk]</c>: an MLP trunk's widths, activation, dropout and layer norm, or a custom module's output width.</summary>
    internal static partial class Parser
    {
        private static TrunkInfo ReadTrunk(string name, string accessibility, ModuleTypeInfo? module, AttributeReader reader, ParseState state)
        {
            double? weightDecay = ReadNonNegative(name, "WeightDecay", reader, state);
            if (module is not null)
            {
                int? outputSize = reader.Int("OutputSize");
                if (outputSize is null)
                {
                    ReportMissing(name, "OutputSize", "a custom trunk declares the width of its output, e.g. [SharedTrunk(typeof(MyEncoder), OutputSize = 32)]", reader, state);
                }
                else
                {
                    CheckWidth(name, "OutputSize", outputSize.Value, reader.ArgumentLocation("OutputSize"), "the trunk's output", state);
                }

                RejectArguments(name, reader, state, "a custom trunk module builds its own layers", "Activation", "Dropout", "LayerNorm");
                return new CustomTrunkInfo(name, accessibility, weightDecay, module, outputSize ?? 0);
            }

            ImmutableArray<int> hidden = reader.ConstructorIntArray() ?? ImmutableArray<int>.Empty;
            if (hidden.IsEmpty)
            {
                ReportMissing(name, "hidden", "a trunk needs at least one layer width, e.g. [SharedTrunk(128, 64)]", reader, state);
            }

            CheckWidths(name, "hidden", hidden, i => reader.ParamsElementLocation(0, i), state);

            string activation = ReadActivation(name, reader, state);
            double dropout = ReadDropout(name, reader, state);
            bool layerNorm = reader.Bool("LayerNorm") ?? false;
            RejectArguments(name, reader, state, "only a custom trunk module (typeof) declares its output width; an MLP trunk's is its last layer width", "OutputSize");
            return new MlpTrunkInfo(name, accessibility, weightDecay, hidden.ToEquatableArray(), activation, dropout, layerNorm);
        }
    }
}
