using MultiTask.Generators.Diagnostics;
using MultiTask.Generators.Emit;
using MultiTask.Generators.Model;

namespace MultiTask.Generators.Parsing
{
    /// <summary>The validator of <c>[BinaryHead]</c>: the positives' weight (MTL0016 for 0) and the threshold.</summary>
    internal static partial class Parser
    {
        private static TaskInfo ReadBinary(string name, AttributeReader reader, ParseState state)
        {
            double? positiveWeight = ReadNonNegative(name, "PositiveWeight", reader, state);
            if (positiveWeight == 0)
            {
                state.Report(
                    DiagnosticDescriptors.LossOptionMismatch,
                    reader.ArgumentLocation("PositiveWeight"),
                    name,
                    "PositiveWeight",
                    "0",
                    "the binary cross-entropy",
                    "it multiplies the loss of every positive row, so 0 ignores them and the head learns to answer no; use a positive weight, or remove PositiveWeight for 1");
            }

            double threshold = reader.Double("Threshold") ?? 0.5;
            if (!(threshold > 0 && threshold < 1))
            {
                state.Report(DiagnosticDescriptors.InvalidArgument, reader.ArgumentLocation("Threshold"), name, "Threshold", Literals.Number(threshold), "expected a probability in (0, 1)");
            }

            return new BinaryTaskInfo(positiveWeight, threshold);
        }
    }
}
