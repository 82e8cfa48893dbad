using System.Collections.Generic;
using System.Linq;
using MultiTask.Generators.Emit;
using MultiTask.Generators.Model;
using static MultiTask.Generators.Emit.Emitter;

namespace MultiTask.Generators.Plans
{
    /// <summary>
    /// <c>[Esmm]</c>, beside any kind of sharing: the pair's two loss slots hold <c>EntireSpaceLoss</c>'s terms (the click loss,
    /// the click-and-conversion loss), <c>Batch.From</c> checks that no conversion lacks its click, and the predictions gain
    /// pCTCVR as <c>ClickAndConversion</c>.
    /// </summary>
    internal sealed class EsmmPlan
    {
        private const string LossField = "EsmmLoss";
        private const string PredictionMember = "ClickAndConversion";

        private EsmmPlan(HeadInfo click, HeadInfo conversion)
        {
            Click = click;
            Conversion = conversion;
        }

        public HeadInfo Click { get; }

        public HeadInfo Conversion { get; }

        /// <summary>The plan of <paramref name="model"/>'s <c>[Esmm]</c>; null without one.</summary>
        public static EsmmPlan? For(ModelInfo model) => model.Esmm is { } esmm
            ? new EsmmPlan(model.Heads.First(h => h.Name == esmm.Click), model.Heads.First(h => h.Name == esmm.Conversion))
            : null;

        public static IEnumerable<GeneratedMember> MembersOf(ModelInfo model) => model.Esmm is null
            ? []
            : [
                GeneratedMember.OfModel(LossField, $"the static field '{LossField}' that holds the ESMM loss"),
                GeneratedMember.OfRecord(PredictionMember, "Predictions"),
            ];

        /// <summary>The loss term of <paramref name="head"/>, for one of the pair; null for another head.</summary>
        public string? LossOf(HeadInfo head)
            => head == Click ? "esmm.Click" : head == Conversion ? "esmm.ClickAndConversion" : null;

        public void WriteStaticField(IndentedWriter writer)
            => writer.Line($"private static readonly {Runtime}EntireSpaceLoss {LossField} = new({TaskField(Click)}, {TaskField(Conversion)});");

        public void WriteLoss(IndentedWriter writer)
            => writer.Line($"var esmm = {LossField}.Compute(outputs.{Property(Click)}, outputs.{Property(Conversion)}, targets.{Property(Click)}, targets.{Property(Conversion)});");

        /// <summary>In <c>Batch.From</c>, after the targets' own checks.</summary>
        public void WriteImpressionsCheck(IndentedWriter writer)
            => writer.Line($"{LossField}.CheckImpressions(checkedTargets.{Property(Click)}, checkedTargets.{Property(Conversion)});");

        /// <summary>In <c>Predict</c>, after <c>outputs</c>: pCTCVR.</summary>
        public void WriteProbabilities(IndentedWriter writer)
            => writer.Line($"using var esmmProbabilities = {Runtime}EntireSpace.Probabilities(outputs.{Property(Click)}, outputs.{Property(Conversion)});");

        /// <summary>The last argument of <c>Predictions</c>; an alias, as <c>esmmProbabilities</c> is disposed.</summary>
        public static string PredictionArgument => "esmmProbabilities.ClickAndConversion.alias()";

        public static string PredictionParameter => $"{Tensor} {PredictionMember}";
    }
}
