using System.Collections.Immutable;
using MultiTask.Generators.Model;

namespace MultiTask.Generators.Parsing
{
    /// <summary>The validator of <c>[AutoencoderTrunk]</c>: the latent width, the encoder's widths (two spellings), dropout and the reconstruction's weight.</summary>
    internal static partial class Parser
    {
        private static AutoencoderTrunkInfo ReadAutoencoder(string name, string accessibility, ModuleTypeInfo? module, AttributeReader reader, ParseState state)
        {
            // Two spellings: [AutoencoderTrunk(latent, hidden...)] and [AutoencoderTrunk(Latent = n, Hidden = new[] { ... })].
            bool positional = reader.ConstructorArgumentCount == 2;
            int? latent = positional ? reader.ConstructorInt(0) : null;
            ImmutableArray<int> hidden = (positional ? reader.ConstructorIntArray(1) : null) ?? ImmutableArray<int>.Empty;
            if (positional)
            {
                RejectArguments(name, reader, state, "it is already given to the constructor", "Latent", "Hidden");
            }
            else
            {
                latent = reader.Int("Latent");
                hidden = reader.IntArray("Hidden") ?? ImmutableArray<int>.Empty;
            }

            if (latent is null)
            {
                ReportMissing(name, "Latent", "declare the width of the latent code, e.g. [AutoencoderTrunk(8, 32)]", reader, state);
            }
            else
            {
                CheckWidth(name, "Latent", latent.Value, positional ? reader.PositionalLocation(0) : reader.ArgumentLocation("Latent"), "the latent code", state);
            }

            CheckWidths(name, "Hidden", hidden, i => positional ? reader.ParamsElementLocation(1, i) : reader.ElementLocation("Hidden", i), state);

            string activation = ReadActivation(name, reader, state);
            double dropout = ReadDropout(name, reader, state);
            double reconstructionWeight = ReadNonNegative(name, "ReconstructionWeight", reader, state) ?? 1;
            double? weightDecay = ReadNonNegative(name, "WeightDecay", reader, state);
            return new AutoencoderTrunkInfo(name, accessibility, weightDecay, latent ?? 0, hidden.ToEquatableArray(), activation, dropout, reconstructionWeight);
        }
    }
}
