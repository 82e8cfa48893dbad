using MultiTask.Generators.Diagnostics;
using MultiTask.Generators.Emit;
using MultiTask.Generators.Model;

namespace MultiTask.Generators.Parsing
{
    /// <summary>
    /// The validator of <c>[TokenSequence]</c>: a vocabulary of at least 2 (padding and a token), a positive length and width;
    /// for the Transformer at least one layer and head, heads dividing the width (MTL0065), dropout in [0, 1).
    /// </summary>
    internal static partial class Parser
    {
        private static FieldInfo ReadTokenSequenceField(string name, string accessibility, AttributeReader reader, ParseState state)
        {
            int vocabulary = ReadCount(name, "Vocabulary", 2, "give the number of token ids including padding id 0, e.g. Vocabulary = 5000", reader, state);
            int length = ReadCount(name, "Length", 1, "give the tokens a row holds, e.g. Length = 32", reader, state);
            int? width = reader.Int("Width");
            if (width is null)
            {
                ReportMissing(name, "Width", "give the embedding width, e.g. Width = 64", reader, state);
            }
            else
            {
                CheckWidth(name, "Width", width.Value, reader.ArgumentLocation("Width"), "the encoder", state);
            }

            string encoder = ReadEnum(name, "Encoder", "MeanPooling", reader, state) ?? "MeanPooling";
            int layers = reader.Int("Layers") ?? 1;
            int heads = reader.Int("Heads") ?? 2;
            int feedForward = reader.Int("FeedForward") ?? 0;
            double dropout = ReadDropout(name, reader, state);
            CheckAtLeast(name, "Layers", layers, 1, reader, state);
            CheckAtLeast(name, "Heads", heads, 1, reader, state);
            CheckAtLeast(name, "FeedForward", feedForward, 0, reader, state);
            if (encoder == "Transformer" && width > 0 && heads > 0 && width % heads != 0)
            {
                state.Report(DiagnosticDescriptors.HeadsNotDividingWidth, reader.ArgumentLocation("Heads"), name, Literals.Number(heads), Literals.Number(width.Value), Literals.Number(LargestDivisor(width.Value, heads)));
            }

            int resolvedWidth = width ?? 0;
            return new TokenSequenceFieldInfo(name, accessibility, vocabulary, length, resolvedWidth, encoder, layers, heads, feedForward > 0 ? feedForward : 2 * resolvedWidth, dropout);
        }

        /// <summary>MTL0005 when a written <paramref name="argument"/> is below <paramref name="minimum"/>.</summary>
        private static void CheckAtLeast(string name, string argument, int value, int minimum, AttributeReader reader, ParseState state)
        {
            if (value < minimum)
            {
                state.Report(DiagnosticDescriptors.InvalidArgument, reader.ArgumentLocation(argument), name, argument, Literals.Number(value), $"expected at least {Literals.Number(minimum)}");
            }
        }

        /// <summary>The largest divisor of <paramref name="width"/> not above <paramref name="heads"/>: a head count that fits.</summary>
        private static int LargestDivisor(int width, int heads)
        {
            for (int candidate = heads; candidate > 1; candidate--)
            {
                if (width % candidate == 0)
                {
                    return candidate;
                }
            }

            return 1;
        }
    }
}
