using System.Collections.Immutable;
using MultiTask.Generators.Diagnostics;
using MultiTask.Generators.Emit;
using MultiTask.Generators.Model;

namespace MultiTask.Generators.Parsing
{
    /// <summary>The validator of <c>[ClassificationHead]</c>: classes, label smoothing (MTL0016 when it leaves nothing to learn), top-k (MTL0013) and class weights (MTL0045, MTL0046).</summary>
    internal static partial class Parser
    {
        private static TaskInfo ReadClassification(string name, AttributeReader reader, ParseState state)
        {
            int? classes = reader.Int("Classes");
            if (classes is null)
            {
                ReportMissing(name, "Classes", "a classification head needs at least 2 classes, e.g. [ClassificationHead(Classes = 10)]", reader, state);
            }
            else if (classes == 1)
            {
                state.Report(DiagnosticDescriptors.InvalidArgument, reader.ArgumentLocation("Classes"), name, "Classes", "1", "one class leaves nothing to predict: a classification head needs at least 2 classes (for a yes/no task use [BinaryHead])");
            }
            else if (classes < 2)
            {
                state.Report(DiagnosticDescriptors.InvalidArgument, reader.ArgumentLocation("Classes"), name, "Classes", Literals.Number(classes.Value), "a classification head needs at least 2 classes");
            }

            double labelSmoothing = reader.Double("LabelSmoothing") ?? 0;
            if (!(IsFinite(labelSmoothing) && labelSmoothing >= 0 && labelSmoothing < 1))
            {
                state.Report(DiagnosticDescriptors.InvalidArgument, reader.ArgumentLocation("LabelSmoothing"), name, "LabelSmoothing", Literals.Number(labelSmoothing), "expected a value in [0, 1)");
            }
            else if (classes >= 2 && labelSmoothing > 0 && labelSmoothing * classes.Value >= classes.Value - 1)
            {
                // The smoothed target of the true class, 1 - e + e/K, is then no larger than that of any other class, e/K.
                string limit = Literals.Number((classes.Value - 1) / (double)classes.Value);
                state.Report(
                    DiagnosticDescriptors.LossOptionMismatch,
                    reader.ArgumentLocation("LabelSmoothing"),
                    name,
                    "LabelSmoothing",
                    Literals.Number(labelSmoothing),
                    $"Classes = {Literals.Number(classes.Value)}",
                    $"from (K - 1) / K = {limit} on, the smoothed target of the true class is no larger than the others'; use a value below {limit}, e.g. 0.1");
            }

            int topK = reader.Int("TopK") ?? 5;
            if (topK < 1)
            {
                state.Report(DiagnosticDescriptors.InvalidArgument, reader.ArgumentLocation("TopK"), name, "TopK", Literals.Number(topK), "expected at least 1");
            }
            else if (classes >= 2 && topK > classes && reader.IsSet("TopK"))
            {
                state.Report(DiagnosticDescriptors.TopKExceedsClasses, reader.ArgumentLocation("TopK"), name, Literals.Number(topK), Literals.Number(classes.Value));
            }

            ImmutableArray<double> classWeights = ReadClassWeights(name, classes, reader, state);
            return new ClassificationTaskInfo(classes ?? 0, labelSmoothing, topK, classWeights.ToEquatableArray());
        }

        /// <summary>One finite weight &gt; 0 per class (MTL0045, MTL0046); empty when unset.</summary>
        private static ImmutableArray<double> ReadClassWeights(string name, int? classes, AttributeReader reader, ParseState state)
        {
            if (reader.DoubleArray("ClassWeights") is not { } weights)
            {
                return ImmutableArray<double>.Empty;
            }

            if (classes >= 2 && weights.Length != classes)
            {
                state.Report(DiagnosticDescriptors.ClassWeightsCountMismatch, reader.ArgumentLocation("ClassWeights"), name, Literals.Number(weights.Length), Literals.Number(classes.Value));
            }

            for (int i = 0; i < weights.Length; i++)
            {
                if (!(IsFinite(weights[i]) && weights[i] > 0))
                {
                    state.Report(DiagnosticDescriptors.InvalidClassWeight, reader.ElementLocation("ClassWeights", i), name, Literals.Number(i), Literals.Number(weights[i]));
                }
            }

            return weights;
        }
    }
}
