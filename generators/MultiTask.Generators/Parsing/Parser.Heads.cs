using System.Collections.Immutable;
using MultiTask.Generators.Diagnostics;
using MultiTask.Generators.Emit;
using MultiTask.Generators.Model;

namespace MultiTask.Generators.Parsing
{
    /// <summary>Heads and the task each trains: the tower, the loss weight and rates, the kind-specific settings and whether the loss options fit the loss (MTL0016).</summary>
    internal static partial class Parser
    {
        private static HeadInfo ReadHead(string name, string accessibility, ComponentKind kind, ModuleTypeInfo? module, AttributeReader reader, ParseState state)
        {
            if (module is not null)
            {
                RejectArguments(name, reader, state, "a custom head module builds its own layers", "Hidden", "Activation");
            }

            ImmutableArray<int> hidden = reader.IntArray("Hidden") ?? ImmutableArray<int>.Empty;
            for (int i = 0; i < hidden.Length; i++)
            {
                if (hidden[i] <= 0)
                {
                    state.Report(DiagnosticDescriptors.InvalidArgument, reader.ElementLocation("Hidden", i), name, $"Hidden[{i}]", Literals.Number(hidden[i]), "layer widths must be positive");
                }
            }

            string activation = ReadActivation(name, reader, state);
            double weight = ReadNonNegative(name, "Weight", reader, state) ?? 1;
            double? learningRate = ReadNonNegative(name, "LearningRate", reader, state);
            double? weightDecay = ReadNonNegative(name, "WeightDecay", reader, state);

            TaskInfo task = kind switch
            {
                ComponentKind.Classification => ReadClassification(name, reader, state),
                ComponentKind.Binary => ReadBinary(name, reader, state),
                _ => ReadRegression(name, reader, state),
            };
            return new HeadInfo(name, accessibility, hidden.ToEquatableArray(), activation, weight, learningRate, weightDecay, task, module);
        }

        private static TaskInfo ReadClassification(string name, AttributeReader reader, ParseState state)
        {
            int? classes = reader.Int("Classes");
            if (classes is null && !reader.HasCompilerErrors)
            {
                state.Report(DiagnosticDescriptors.InvalidArgument, reader.AttributeLocation, name, "Classes", "0 (unset)", "a classification head needs at least 2 classes, e.g. [ClassificationHead(Classes = 10)]");
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

        private static TaskInfo ReadRegression(string name, AttributeReader reader, ParseState state)
        {
            int outputs = reader.Int("Outputs") ?? 1;
            if (outputs <= 0)
            {
                state.Report(DiagnosticDescriptors.InvalidArgument, reader.ArgumentLocation("Outputs"), name, "Outputs", Literals.Number(outputs), "a regression head predicts at least 1 value per row");
            }

            string loss = "Mse";
            if (reader.Enum("Loss") is { } lossValue)
            {
                if (lossValue.Name is null)
                {
                    state.Report(DiagnosticDescriptors.InvalidArgument, reader.ArgumentLocation("Loss"), name, "Loss", Literals.Number(lossValue.Number), $"expected one of {lossValue.Members}");
                }
                else
                {
                    loss = lossValue.Name;
                }
            }

            double huberDelta = reader.Double("HuberDelta") ?? 1;
            if (!(IsFinite(huberDelta) && huberDelta > 0))
            {
                state.Report(DiagnosticDescriptors.InvalidArgument, reader.ArgumentLocation("HuberDelta"), name, "HuberDelta", Literals.Number(huberDelta), "expected a finite number > 0");
            }
            else if (reader.IsSet("HuberDelta") && loss != "Huber" && (reader.Enum("Loss") is null || reader.Enum("Loss")!.Name is not null))
            {
                state.Report(
                    DiagnosticDescriptors.LossOptionMismatch,
                    reader.ArgumentLocation("HuberDelta"),
                    name,
                    "HuberDelta",
                    Literals.Number(huberDelta),
                    reader.IsSet("Loss") ? $"Loss = {loss}" : $"Loss = {loss} (the default)",
                    "only the Huber loss has a delta; set Loss = RegressionLoss.Huber, or remove HuberDelta");
            }

            return new RegressionTaskInfo(outputs, loss, huberDelta);
        }
    }
}
