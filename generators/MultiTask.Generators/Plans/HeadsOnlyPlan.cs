using System.Collections.Generic;
using MultiTask.Generators.Model;

namespace MultiTask.Generators.Plans
{
    /// <summary>No shared component: every head reads the input (with one input per task, its task's own).</summary>
    internal class HeadsOnlyPlan(ModelInfo model) : SharingPlan(model)
    {
        public override string Built => "the heads";

        public override string Route => "Runs every head on the input";

        public override IEnumerable<GeneratedMember> Members => Model.InputPerTask
            ? [GeneratedMember.Method("RunTask", 2, "RunTask(Module<Tensor, Tensor>, Tensor?)")]
            : [];
    }
}
