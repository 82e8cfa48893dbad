using MultiTask.Generators.Emit;
using MultiTask.Generators.Model;
using static MultiTask.Generators.Emit.Emitter;

namespace MultiTask.Generators.Plans
{
    /// <summary><c>[ProgressiveLayeredExtraction]</c> (CGC with one level, PLE with more): head k reads task k's path.</summary>
    internal sealed class ExtractionPlan(ModelInfo model, ExtractionInfo extraction) : SharedComponentPlan(model, extraction)
    {
        public override string ComponentType => Runtime + "ProgressiveLayeredExtraction";

        public override string Reads => "each task's path through the extraction levels";

        public override bool PerTask => true;

        public override string Route => "Runs the extraction levels and each head on its task's path";

        protected override string ComponentBuilt => "the extraction levels,";

        protected override string Construction
            => $"new {Runtime}ProgressiveLayeredExtraction(inputSize: {InputSize}, tasks: {Literals.Number(Model.Heads.Count)}, sharedExperts: {Literals.Number(extraction.SharedExperts)}, taskExperts: {Literals.Number(extraction.TaskExperts)}, hidden: {IntList(extraction.Hidden)}, levels: {Literals.Number(extraction.Levels)}, {Runtime}Activation.{extraction.Activation})";
    }
}
