using MultiTask.Generators.Emit;
using MultiTask.Generators.Model;
using static MultiTask.Generators.Emit.Emitter;

namespace MultiTask.Generators.Plans
{
    /// <summary><c>[MixtureOfExperts]</c> (MMoE): shared experts, one softmax gate per task; head k reads mixture k.</summary>
    internal sealed class MixtureOfExpertsPlan(ModelInfo model, MixtureOfExpertsInfo experts) : SharedComponentPlan(model, experts)
    {
        public override string ComponentType => Runtime + "MixtureOfExperts";

        public override string Reads => "each task's mixture of the experts";

        public override bool PerTask => true;

        public override string Route => "Runs the experts, mixes them with each task's gate and runs each head on its task's mixture";

        protected override string ComponentBuilt => "the experts with a gate per task,";

        protected override string Construction
            => $"new {Runtime}MixtureOfExperts(inputSize: {InputSize}, experts: {Literals.Number(experts.Experts)}, hidden: {IntList(experts.Hidden)}, tasks: {Literals.Number(Model.Heads.Count)}, {Runtime}Activation.{experts.Activation})";
    }
}
