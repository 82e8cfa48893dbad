using System.Collections.Generic;
using System.Linq;

namespace MultiTask.Generators.Plans
{
    /// <summary>
    /// The members of every generated model beside the trunk's and heads': the nested types, the methods with their parameters,
    /// the fields and the members of the records every head is a member of; with those of its sharing plan
    /// (<see cref="SharingPlan.Members"/>) and its input plan (<see cref="InputPlan.Members"/>).
    /// </summary>
    internal static class ModelMembers
    {
        /// <summary>What the compiler declares in every record (and <c>object</c> in every class): a head of one of these names would hide or clash with it.</summary>
        private static readonly string[] RecordMembers = ["EqualityContract", "Equals", "GetHashCode", "ToString", "PrintMembers", "Deconstruct", "GetType", "MemberwiseClone", "ReferenceEquals", "Finalize"];

        /// <summary>The members of the model <paramref name="plan"/> writes, its plan's included.</summary>
        public static IEnumerable<GeneratedMember> Of(SharingPlan plan)
        {
            InputPlan input = InputPlan.For(plan.Model);
            return Common(plan, input.ShortType).Concat(input.Members).Concat(plan.Members).Concat(EsmmPlan.MembersOf(plan.Model));
        }

        private static IEnumerable<GeneratedMember> Common(SharingPlan plan, string input)
        {
            foreach (string record in new[] { "Outputs", "Targets", "Batch", "Losses", "Metrics", "Predictions" })
            {
                yield return GeneratedMember.OfModel(record, $"the nested record '{record}'");
            }

            yield return GeneratedMember.OfModel("TrainingOptions", "the nested class 'TrainingOptions'");
            yield return GeneratedMember.OfModel("Trainer", "the nested class 'Trainer'");
            yield return GeneratedMember.OfModel("Columns", "the nested class 'Columns'");
            yield return GeneratedMember.Method("forward", 1, $"forward({input})");
            yield return plan.LossReadsInput
                ? GeneratedMember.Method("ComputeLoss", 3, "ComputeLoss(Outputs, Targets, Tensor)")
                : GeneratedMember.Method("ComputeLoss", 2, "ComputeLoss(Outputs, Targets)");
            yield return GeneratedMember.Method("Predict", 1, $"Predict({input})");
            yield return GeneratedMember.Method("Summary", 0, "Summary()");
            yield return GeneratedMember.Method("CreateTrainer", 1, "CreateTrainer(TrainingOptions?)");
            yield return GeneratedMember.Method("Save", 1, "Save(string)");
            yield return GeneratedMember.Method("Load", 1, "Load(string)");
            yield return GeneratedMember.OfModel("AllTasks", "the static field 'AllTasks' that lists the tasks");
            yield return new("lossWeighting", MemberScope.Model, "the generated model holds its loss weighting in a field 'lossWeighting'", "the field 'lossWeighting' that holds the loss weighting");

            yield return GeneratedMember.OfRecord("Total", "Losses");
            yield return GeneratedMember.OfRecord("Loss", "Metrics");
            yield return GeneratedMember.OfRecord("To", "Targets");
            yield return new("From", MemberScope.Record, "the generated 'TrainingOptions' already has a member 'From'", null);
            foreach (string member in RecordMembers)
            {
                yield return new(member, MemberScope.Record, $"every generated record already has a member '{member}'", null);
            }
        }
    }
}
