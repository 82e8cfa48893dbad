using System.Collections.Generic;
using System.Linq;
using MultiTask.Generators.Model;
using MultiTask.Generators.Plans;

namespace MultiTask.Generators.Emit
{
    /// <summary>The typed records: inputs, outputs, targets, batches, losses, metrics and predictions.</summary>
    internal static partial class Emitter
    {
        private static void WriteRecords(IndentedWriter writer, Shape shape)
        {
            string self = shape.Self;
            IReadOnlyList<HeadInfo> heads = shape.Heads;
            InputPlan input = shape.Input;
            string optional = input.Optional;
            input.WriteInputs(writer, self, heads);

            writer.Line($"/// <summary>{input.OutputsSummary}</summary>");
            WriteParams(writer, heads, h => $"<c>{h.Name}</c>: {OutputShape(h.Task)}.");
            string outputs = Join(heads, h => $"{Tensor}{optional} {Property(h)}");
            foreach (ExtraOutputPlan output in shape.Plan.ExtraOutputs)
            {
                writer.Line($"/// <param name=\"{output.Name}\">{output.Documentation}</param>");
                outputs += $", {Tensor} {output.Name}";
            }

            writer.Line($"public sealed record Outputs({outputs});");
            writer.Line();

            writer.Line($"/// <summary>{input.TargetsSummary}</summary>");
            WriteParams(writer, heads, h => $"<c>{h.Name}</c>: {TargetShape(h.Task)}.");
            writer.Line($"public sealed record Targets({Join(heads, h => $"{Runtime}TaskTarget{optional} {Property(h)}")})");
            writer.Open();
            input.WriteTargetsMembers(writer, self, heads);
            writer.Line("/// <summary>The targets on <paramref name=\"device\"/>.</summary>");
            writer.Line($"public {self}.Targets To(global::TorchSharp.torch.Device device) => new({Join(heads, h => $"{Member(Property(h), "device")}{optional}.To(device)")});");
            writer.Close();

            writer.Line();
            input.WriteBatch(writer, shape);
            writer.Line();
            WriteLosses(writer, shape);

            writer.Line("/// <summary>The metrics of every task over a data set.</summary>");
            writer.Line("/// <param name=\"Loss\">The mean total loss.</param>");
            WriteParams(writer, heads, h => $"The metrics of <c>{h.Name}</c>.");
            writer.Line($"public sealed record Metrics(double Loss, {Join(heads, h => $"{Runtime}{MetricsClass(h.Task)} {Property(h)}")});");
            writer.Line();
            writer.Line($"/// <summary>{input.PredictionsSummary}</summary>");
            WriteParams(writer, heads, h => $"The prediction of <c>{h.Name}</c>.");
            string esmm = string.Empty;
            if (shape.Esmm is not null)
            {
                writer.Line("/// <param name=\"ClickAndConversion\">pCTCVR = pCTR * pCVR, [N]: the probability of a click and a conversion.</param>");
                esmm = ", " + EsmmPlan.PredictionParameter;
            }

            writer.Line($"public sealed record Predictions({Join(heads, h => $"{Runtime}{PredictionClass(h.Task)}{optional} {Property(h)}")}{esmm});");
            writer.Line();
        }

        private static void WriteLosses(IndentedWriter writer, Shape shape)
        {
            IReadOnlyList<HeadInfo> heads = shape.Heads;
            IReadOnlyList<AuxiliaryLossPlan> auxiliary = shape.Plan.AuxiliaryLosses;
            var total = heads.Select(h => Weighted(h.Weight, h.Name)).Concat(auxiliary.Select(a => Weighted(a.Weight, a.Name)));
            string extra = string.Concat(auxiliary.Select(a => $", {Tensor} {a.Name}"));
            writer.Line("/// <summary>The loss of every task over its present labels, and their weighted total.</summary>");
            writer.Line($"/// <param name=\"Total\"><c>{string.Join(" + ", total)}</c>.</param>");
            WriteParams(writer, heads, h => $"The loss of <c>{h.Name}</c>.");
            foreach (AuxiliaryLossPlan loss in auxiliary)
            {
                writer.Line($"/// <param name=\"{loss.Name}\">{loss.Documentation}</param>");
            }

            writer.Line($"public sealed record Losses({Tensor} Total, {Join(heads, h => $"{Tensor} {Property(h)}")}{extra});");
            writer.Line();
        }

        internal static void WriteParams(IndentedWriter writer, IEnumerable<HeadInfo> heads, System.Func<HeadInfo, string> text)
        {
            foreach (HeadInfo head in heads)
            {
                writer.Line($"/// <param name=\"{head.Name}\">{text(head)}</param>");
            }
        }
    }
}
