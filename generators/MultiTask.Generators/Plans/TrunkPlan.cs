using MultiTask.Generators.Model;

namespace MultiTask.Generators.Plans
{
    /// <summary>A trunk every head reads the output of: the runtime's MLP (<see cref="SharedTrunkPlan"/>) or the user's module (<see cref="CustomTrunkPlan"/>).</summary>
    internal abstract class TrunkPlan(ModelInfo model, TrunkInfo trunk) : SharedComponentPlan(model, trunk)
    {
        public override bool TakesInputPerTask => true;

        public override string Reads => "the trunk's output";

        public override string Route => "Runs the trunk and every head";

        protected override string ComponentBuilt => "the trunk";
    }
}
