using MultiTask.Generators.Emit;
using MultiTask.Generators.Model;
using static MultiTask.Generators.Emit.Emitter;

namespace MultiTask.Generators.Plans
{
    /// <summary><c>[CrossStitch]</c>: one tower per task, mixed after each layer; head k reads tower k's output.</summary>
    internal sealed class CrossStitchPlan(ModelInfo model, CrossStitchInfo towers) : SharedComponentPlan(model, towers)
    {
        public override string ComponentType => Runtime + "CrossStitchNetwork";

        public override string Reads => "each task's tower output";

        public override bool PerTask => true;

        public override string Route => "Runs the towers, mixing them after each layer, and each head on its task's tower";

        protected override string ComponentBuilt => "a tower per task with their mixings,";

        protected override string Construction
            => $"new {Runtime}CrossStitchNetwork(inputSize: {InputSize}, tasks: {Literals.Number(Model.Heads.Count)}, hidden: {IntList(towers.Hidden)}, {Runtime}Activation.{towers.Activation}, dropout: {Literals.Number(towers.Dropout)}, layerNorm: {Literals.Bool(towers.LayerNorm)}, selfWeight: {Literals.Number(towers.SelfWeight)})";
    }
}
