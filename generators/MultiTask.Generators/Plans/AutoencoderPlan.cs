using System.Collections.Generic;
using MultiTask.Generators.Emit;
using MultiTask.Generators.Model;
using static MultiTask.Generators.Emit.Emitter;

namespace MultiTask.Generators.Plans
{
    /// <summary>
    /// <c>[AutoencoderTrunk(latent, hidden...)]</c>: the heads read the latent code; the decoder's reconstruction is an output
    /// and its loss joins the total; the trainer can pre-train the autoencoder alone.
    /// </summary>
    internal sealed class AutoencoderPlan(ModelInfo model, AutoencoderTrunkInfo autoencoder) : SharedComponentPlan(model, autoencoder)
    {
        private const string Reconstruction = "Reconstruction";

        /// <summary>
        /// The static Scalar holding the reconstruction's weight when it is not 1: written as a literal, the double would
        /// become a new native Scalar on every step, left to the finalizer.
        /// </summary>
        private const string WeightField = "ReconstructionLossWeight";

        private bool Weighted => autoencoder.ReconstructionWeight != 1;

        public override string ComponentType => Runtime + "AutoencoderTrunk";

        public override string Reads => "the autoencoder's latent code";

        public override string ReadHeadsSummary => "Runs every head on the latent code of <paramref name=\"representation\"/> and decodes the code";

        public override string Route => "Encodes the input, runs every head on the latent code and decodes the code";

        public override string SharedModules => Field + ".Encoder";

        public override IReadOnlyList<ExtraOutputPlan> ExtraOutputs =>
        [
            new(Reconstruction, $"[N, {InputSize}]", $"The autoencoder's reconstruction of the input, [N, {InputSize}].", $"{Member(Field, "representation")}.Decode(representation[0]!)"),
        ];

        public override IReadOnlyList<AuxiliaryLossPlan> AuxiliaryLosses =>
        [
            new(Reconstruction, autoencoder.ReconstructionWeight, "reconstructionLoss",
                $"{Member(Field, "outputs", "targets", "input")}.ReconstructionLoss(input, outputs.{Reconstruction})",
                Weighted ? $"{WeightField} * reconstructionLoss" : "reconstructionLoss",
                "The autoencoder's reconstruction loss (mean squared error)."),
        ];

        public override bool LossReadsInput => true;

        public override IEnumerable<GeneratedMember> Members
        {
            get
            {
                foreach (GeneratedMember member in base.Members)
                {
                    yield return member;
                }

                yield return new(Reconstruction, MemberScope.Record, $"the generated records 'Outputs' and 'Losses' of a model with an autoencoder trunk have a member '{Reconstruction}'", null);
                if (Weighted)
                {
                    yield return new(WeightField, MemberScope.Model, $"the generated model holds the reconstruction's weight in a static field '{WeightField}'", $"the static field '{WeightField}' that holds the reconstruction's weight");
                }
            }
        }

        protected override string ComponentBuilt => "the autoencoder";

        protected override string Construction
            => $"new {Runtime}AutoencoderTrunk(inputSize: {InputSize}, hidden: {IntList(autoencoder.Hidden)}, latent: {Literals.Number(autoencoder.Latent)}, {Runtime}Activation.{autoencoder.Activation}, dropout: {Literals.Number(autoencoder.Dropout)})";

        public override void WriteStaticFields(IndentedWriter writer)
        {
            if (Weighted)
            {
                writer.Line($"private static readonly global::TorchSharp.Scalar {WeightField} = {Literals.Double(autoencoder.ReconstructionWeight)};");
            }
        }

        public override void WriteTrainerMembers(IndentedWriter writer)
        {
            string name = autoencoder.Name;
            writer.Line("/// <summary>");
            writer.Line($"/// Pre-trains the autoencoder <c>{name}</c> alone on batches of unlabeled input rows, before <c>Fit</c>, through the same");
            writer.Line($"/// engine: these options' optimizer, <c>{name}</c>'s rate and weight decay, clipping, seed and device. Returns the");
            writer.Line("/// reconstruction's metrics per epoch, on <paramref name=\"validation\"/> too when given.");
            writer.Line("/// </summary>");
            writer.Line($"public {Runtime}TrainingHistory<{Runtime}RegressionMetrics> PretrainAutoencoder({Enumerable}<{Tensor}> unlabeledInputs, int epochs, {Enumerable}<{Tensor}>? validation = null)");
            writer.Line($"    => {Runtime}AutoencoderPretraining.Run(Model.{Field}, unlabeledInputs, Options.ForPretraining(epochs), ComponentOptionsOf(Model.{Field}), validation);");
            writer.Line();
        }
    }
}
