using System.Collections.Generic;
using System.Linq;
using MultiTask.Generators.Emit;
using MultiTask.Generators.Model;
using static MultiTask.Generators.Emit.Emitter;

namespace MultiTask.Generators.Plans
{
    /// <summary><c>[SoftSharing]</c>: a tower per head, pulled together by a penalty that joins the total loss.</summary>
    internal sealed class SoftSharingPlan(ModelInfo model, double lambda) : HeadsOnlyPlan(model)
    {
        private const string PenaltyField = "softSharing";
        private const string PenaltyLoss = "SoftSharing";

        public override string Built => "the heads and the soft-sharing penalty over their towers";

        public override IReadOnlyList<AuxiliaryLossPlan> AuxiliaryLosses =>
        [
            new(PenaltyLoss, 1, "softSharingPenalty", $"{PenaltyField}.Compute()", "softSharingPenalty",
                $"The soft-sharing penalty <c>{Literals.Number(lambda)} * sum_i ||theta_i - theta_mean||^2</c> over the towers."),
        ];

        public override IEnumerable<GeneratedMember> Members => base.Members.Concat(
        [
            new(PenaltyLoss, MemberScope.Record, $"the generated record 'Losses' of a soft-sharing model has a member '{PenaltyLoss}' for the penalty", null),
            new(PenaltyField, MemberScope.Model, $"the generated soft-sharing model holds its penalty in a field '{PenaltyField}'", $"the field '{PenaltyField}' that holds the soft-sharing penalty"),
        ]);

        public override void WriteFields(IndentedWriter writer)
            => writer.Line($"private readonly {Runtime}SoftSharingPenalty {PenaltyField};");

        public override void WriteConstructionAfterHeads(IndentedWriter writer)
        {
            string towers = Join(Model.Heads, h => $"({Literals.String(h.Name)}, {Field(h.Name)}.Tower)");
            writer.Line($"{PenaltyField} = new(lambda: {Literals.Number(lambda)}, [{towers}]);");
        }
    }
}
