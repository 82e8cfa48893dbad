using System.Collections.Generic;
using MultiTask.Generators.Emit;
using MultiTask.Generators.Model;

namespace MultiTask.Generators.Plans
{
    /// <summary>
    /// What one kind of sharing adds to a generated model: the shared component, its construction, the forward pass's route,
    /// extra outputs, loss terms and trainer members, and the names all of these take (<see cref="Members"/>). The emitter
    /// writes every model through its plan and the name checks read the same members, so a new architecture is one plan class
    /// (and its validator in <c>Parsing/Validators/</c>); no switch over the kinds outside <see cref="For"/>.
    /// </summary>
    internal abstract class SharingPlan
    {
        protected SharingPlan(ModelInfo model) => Model = model;

        public ModelInfo Model { get; }

        /// <summary>The plan of <paramref name="model"/>'s kind of sharing.</summary>
        public static SharingPlan For(ModelInfo model) => model.Trunk switch
        {
            AutoencoderTrunkInfo autoencoder => new AutoencoderPlan(model, autoencoder),
            MixtureOfExpertsInfo experts => new MixtureOfExpertsPlan(model, experts),
            ExtractionInfo extraction => new ExtractionPlan(model, extraction),
            CrossStitchInfo towers => new CrossStitchPlan(model, towers),
            MlpTrunkInfo trunk => new SharedTrunkPlan(model, trunk),
            CustomTrunkInfo trunk => new CustomTrunkPlan(model, trunk),
            _ when model.SoftSharingLambda is { } lambda => new SoftSharingPlan(model, lambda),
            _ => new HeadsOnlyPlan(model),
        };

        /// <summary>
        /// The shared component the heads read (its own field, property and optimizer group; <c>Represent</c> makes a
        /// <c>SharedRepresentation</c> of the input with it); null when the heads read the input.
        /// </summary>
        public virtual SharedComponentPlan? Shared => null;

        /// <summary>The kind works with one input per task (<c>[MultiTaskModel(InputPerTask = true)]</c>; MTL0026 otherwise).</summary>
        public virtual bool TakesInputPerTask => true;

        /// <summary>Width of what every head reads.</summary>
        public virtual int HeadInput => Model.InputSize;

        /// <summary>How the constructor's summary names what it builds.</summary>
        public abstract string Built { get; }

        /// <summary>How the summary of <c>forward</c> describes the pass (one shared input).</summary>
        public abstract string Route { get; }

        /// <summary>The modules whose parameters every task shares (<c>ModelParts.Shared</c>), comma-separated; empty for none.</summary>
        public virtual string SharedModules => string.Empty;

        /// <summary>Outputs beside the tasks' (members of <c>Outputs</c> after the heads).</summary>
        public virtual IReadOnlyList<ExtraOutputPlan> ExtraOutputs => [];

        /// <summary>Losses beside the tasks' (members of <c>Losses</c> after the heads, terms of the total, auxiliary terms of the step).</summary>
        public virtual IReadOnlyList<AuxiliaryLossPlan> AuxiliaryLosses => [];

        /// <summary><c>ComputeLoss</c> takes the input too (the reconstruction loss compares it with its reconstruction).</summary>
        public virtual bool LossReadsInput => false;

        /// <summary>The names this plan's members take, beside those of every model (<see cref="ModelMembers"/>).</summary>
        public abstract IEnumerable<GeneratedMember> Members { get; }

        /// <summary>Static fields after the task list.</summary>
        public virtual void WriteStaticFields(IndentedWriter writer)
        {
        }

        /// <summary>Instance fields after the components'.</summary>
        public virtual void WriteFields(IndentedWriter writer)
        {
        }

        /// <summary>The constructor's lines before the heads are built.</summary>
        public virtual void WriteConstruction(IndentedWriter writer)
        {
        }

        /// <summary>The constructor's lines after the heads are built.</summary>
        public virtual void WriteConstructionAfterHeads(IndentedWriter writer)
        {
        }

        /// <summary>Members of the generated trainer beside those of every model's.</summary>
        public virtual void WriteTrainerMembers(IndentedWriter writer)
        {
        }
    }
}
