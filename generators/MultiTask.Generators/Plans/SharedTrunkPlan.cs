using MultiTask.Generators.Emit;
using MultiTask.Generators.Model;
using static MultiTask.Generators.Emit.Emitter;

namespace MultiTask.Generators.Plans
{
    /// <summary><c>[SharedTrunk(hidden...)]</c>: hard parameter sharing, one MLP trunk every head reads.</summary>
    internal sealed class SharedTrunkPlan(ModelInfo model, MlpTrunkInfo trunk) : TrunkPlan(model, trunk)
    {
        public override string ComponentType => Runtime + "Trunk";

        protected override string Construction
            => $"new {Runtime}Trunk(inputSize: {InputSize}, hidden: {IntList(trunk.Hidden)}, {Runtime}Activation.{trunk.Activation}, dropout: {Literals.Number(trunk.Dropout)}, layerNorm: {Literals.Bool(trunk.LayerNorm)})";
    }
}
