using MultiTask.Generators.Model;
using static MultiTask.Generators.Emit.Emitter;

namespace MultiTask.Generators.Plans
{
    /// <summary><c>[SharedTrunk(typeof(MyModule), OutputSize = n)]</c>: the user's module as the shared trunk.</summary>
    internal sealed class CustomTrunkPlan(ModelInfo model, CustomTrunkInfo trunk) : TrunkPlan(model, trunk)
    {
        public override string ComponentType => trunk.Module.TypeName;

        protected override string Construction => ModuleConstruction(trunk.Module, Model.InputSize, trunk.Width);
    }
}
