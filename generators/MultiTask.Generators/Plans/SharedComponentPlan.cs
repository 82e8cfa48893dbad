using System.Collections.Generic;
using MultiTask.Generators.Emit;
using MultiTask.Generators.Model;
using static MultiTask.Generators.Emit.Emitter;

namespace MultiTask.Generators.Plans
{
    /// <summary>
    /// A shared component every head reads: <c>Represent</c> makes a <c>SharedRepresentation</c> of the input, <c>ReadHeads</c>
    /// runs the heads on it.
    /// </summary>
    internal abstract class SharedComponentPlan(ModelInfo model, TrunkInfo trunk) : SharingPlan(model)
    {
        public override SharedComponentPlan Shared => this;

        /// <summary>The component's declaration.</summary>
        public TrunkInfo Trunk => trunk;

        /// <summary>The field holding the component.</summary>
        public string Field => Emitter.Field(trunk.Name);

        /// <summary>The component's type, that of its field and property.</summary>
        public abstract string ComponentType { get; }

        /// <summary>What the heads read, for the summary of <c>Represent</c>.</summary>
        public abstract string Reads { get; }

        /// <summary>The component gives one tensor per task (head k reads tensor k) instead of one every head reads.</summary>
        public virtual bool PerTask => false;

        /// <summary>Every task's loss passes through one last layer of the component (GradNorm's requirement, MTL0031): not so where per-task gates mix parallel experts.</summary>
        public virtual bool EndsInSharedLayer => !PerTask;

        /// <summary>Every head reads one representation computed once from one shared input (MGDA-UB's requirement, MTL0069).</summary>
        public bool OneRepresentation => !PerTask && !Model.InputPerTask;

        /// <summary>The summary of <c>ReadHeads</c>.</summary>
        public virtual string ReadHeadsSummary => PerTask
            ? "Runs each head on its task's part of <paramref name=\"representation\"/>"
            : "Runs every head on <paramref name=\"representation\"/>";

        /// <summary>Only a trunk runs on each task's input on its own (<see cref="TrunkPlan"/>); experts and an autoencoder read one shared input.</summary>
        public override bool TakesInputPerTask => false;

        public override int HeadInput => trunk.OutputSize;

        public override string Built => $"{ComponentBuilt} and the heads";

        public override string SharedModules => Field;

        public override IEnumerable<GeneratedMember> Members
        {
            get
            {
                yield return GeneratedMember.Method("Represent", 1, Model.InputPerTask ? "Represent(Inputs)" : "Represent(Tensor)");
                yield return GeneratedMember.Method("ReadHeads", 1, "ReadHeads(SharedRepresentation)");
                if (Model.InputPerTask)
                {
                    yield return GeneratedMember.Method("RunTrunk", 1, "RunTrunk(Tensor?)");
                    yield return GeneratedMember.Method("RunHead", 2, "RunHead(Module<Tensor, Tensor>, Tensor?)");
                }
            }
        }

        /// <summary>How the constructor's summary names the component.</summary>
        protected abstract string ComponentBuilt { get; }

        /// <summary>The expression that builds the component.</summary>
        protected abstract string Construction { get; }

        /// <summary>The model's input width, as written in the construction.</summary>
        protected string InputSize => Literals.Number(Model.InputSize);

        public override void WriteConstruction(IndentedWriter writer) => writer.Line($"{Field} = {Construction};");
    }
}
