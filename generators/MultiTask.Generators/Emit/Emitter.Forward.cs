using System.Collections.Generic;
using System.Linq;
using MultiTask.Generators.Model;

namespace MultiTask.Generators.Emit
{
    /// <summary>The forward pass, the loss, the trainer's step and the predictions.</summary>
    internal static partial class Emitter
    {
        private static void WriteForward(IndentedWriter writer, Shape shape)
        {
            if (shape.Model.InputPerTask)
            {
                WriteForwardPerTask(writer, shape);
                return;
            }

            ModelInfo model = shape.Model;
            string outputs = string.Join(", ", shape.Heads.Select(h => $"<c>{h.Name}</c> {OutputShape(h.Task)}"));
            if (model.Trunk is AutoencoderTrunkInfo)
            {
                outputs += $", <c>Reconstruction</c> [N, {Literals.Number(model.InputSize)}]";
            }

            writer.Line($"/// <summary>{Route(model.Trunk)}: {outputs}.</summary>");
            writer.Line($"public override {shape.Self}.Outputs forward({Tensor} input)");
            writer.Open();
            writer.Line($"{Runtime}ModelInput.Check(input, {Literals.Number(model.InputSize)}, {Literals.String(shape.DisplayName)});");
            string[] locals = ["input", "shared", "latent", "reconstruction", "mixtures", "extracted"];
            string Heads(System.Func<int, string> headInput) => string.Join(", ", shape.Heads.Select((h, k) => $"{Member(Field(h.Name), locals)}.forward({headInput(k)})"));
            switch (model.Trunk)
            {
                case null:
                    writer.Line($"return new {shape.Self}.Outputs({Heads(_ => "input")});");
                    break;
                case AutoencoderTrunkInfo code:
                    writer.Line($"var (latent, reconstruction) = {Member(Field(code.Name), locals)}.EncodeDecode(input);");
                    writer.Line("using (latent)");
                    writer.Open();
                    writer.Line($"return new {shape.Self}.Outputs({Heads(_ => "latent")}, reconstruction);");
                    writer.Close();
                    break;
                case MixtureOfExpertsInfo experts:
                    writer.Line($"var mixtures = {Member(Field(experts.Name), locals)}.forward(input);");
                    writer.Line($"return new {shape.Self}.Outputs({Heads(k => $"mixtures[{Literals.Number(k)}]")});");
                    break;
                case ExtractionInfo extraction:
                    writer.Line($"var extracted = {Member(Field(extraction.Name), locals)}.forward(input);");
                    writer.Line($"return new {shape.Self}.Outputs({Heads(k => $"extracted[{Literals.Number(k)}]")});");
                    break;
                case TrunkInfo trunk:
                    writer.Line($"using var shared = {Member(Field(trunk.Name), locals)}.forward(input);");
                    writer.Line($"return new {shape.Self}.Outputs({Heads(_ => "shared")});");
                    break;
            }

            writer.Close();
            writer.Line();
        }

        private static string Route(TrunkInfo? trunk) => trunk switch
        {
            null => "Runs every head on the input",
            AutoencoderTrunkInfo => "Encodes the input, runs every head on the latent code and decodes the code",
            MixtureOfExpertsInfo => "Runs the experts, mixes them with each task's gate and runs each head on its task's mixture",
            ExtractionInfo => "Runs the extraction levels and each head on its task's path",
            _ => "Runs the trunk and every head",
        };

        /// <summary>One input per task: each task's rows go through the trunk (if any) and the task's head.</summary>
        private static void WriteForwardPerTask(IndentedWriter writer, Shape shape)
        {
            ModelInfo model = shape.Model;
            string route = model.Trunk is null ? "Runs each task's head on the task's own input" : "Runs the trunk and each task's head on the task's own input";
            writer.Line($"/// <summary>{route}; a task without input in this batch gets a null output.</summary>");
            writer.Line($"public override {shape.Self}.Outputs forward({shape.Self}.Inputs inputs)");
            writer.Open();
            writer.Line($"return new {shape.Self}.Outputs({Join(shape.Heads, h => $"RunTask({Member(Field(h.Name), "inputs")}, inputs.{Property(h)})")});");
            writer.Close();
            writer.Line();

            string through = model.Trunk is null ? "the task's head" : "the trunk and the task's head";
            writer.Line($"/// <summary>One task's input through {through}; null when the batch has no input for the task.</summary>");
            writer.Line($"private {Tensor}? RunTask(global::TorchSharp.torch.nn.Module<{Tensor}, {Tensor}> head, {Tensor}? input)");
            writer.Open();
            writer.Line("if (input is null)");
            writer.Open();
            writer.Line("return null;");
            writer.Close();
            writer.Line();
            writer.Line($"{Runtime}ModelInput.Check(input, {Literals.Number(model.InputSize)}, {Literals.String(shape.DisplayName)});");
            if (model.Trunk is { } trunk)
            {
                writer.Line($"using var shared = {Member(Field(trunk.Name), "head", "input", "shared")}.forward(input);");
                writer.Line("return head.forward(shared);");
            }
            else
            {
                writer.Line("return head.forward(input);");
            }

            writer.Close();
            writer.Line();
        }

        private static void WriteComputeLoss(IndentedWriter writer, Shape shape)
        {
            ModelInfo model = shape.Model;
            string self = shape.Self;
            var names = shape.Heads.Select(h => Weighted(h.Weight, h.Name)).ToList();
            var terms = shape.Heads.Select(h => WeightedLoss(h.Weight, h.Name, LossLocal(h))).ToList();
            var members = shape.Heads.Select(LossLocal).ToList();
            string parameters = $"{self}.Outputs outputs, {self}.Targets targets";
            if (model.Trunk is AutoencoderTrunkInfo code)
            {
                names.Add(Weighted(code.ReconstructionWeight, "Reconstruction"));
                terms.Add(WeightedLoss(code.ReconstructionWeight, "Reconstruction", "reconstructionLoss"));
                members.Add("reconstructionLoss");
                parameters += $", {Tensor} input";
            }

            if (model.SoftSharingLambda is not null)
            {
                names.Add("SoftSharing");
                terms.Add("softSharingPenalty");
                members.Add("softSharingPenalty");
            }

            string absent = model.InputPerTask ? " (zero for a task absent from the batch)" : string.Empty;
            writer.Line($"/// <summary>Each task's loss over its present labels{absent}, and the total <c>{string.Join(" + ", names)}</c>.</summary>");
            writer.Line($"public {self}.Losses ComputeLoss({parameters})");
            writer.Open();
            foreach (HeadInfo head in shape.Heads)
            {
                string property = Property(head);
                string loss = model.InputPerTask
                    ? $"{TaskField(head)}.LossIfPresent(outputs.{property}, targets.{property}, this)"
                    : $"{TaskField(head)}.Loss(outputs.{property}, targets.{property})";
                writer.Line($"var {LossLocal(head)} = {loss};");
            }

            if (model.Trunk is AutoencoderTrunkInfo autoencoder)
            {
                writer.Line($"var reconstructionLoss = {Member(Field(autoencoder.Name), "outputs", "targets", "input")}.ReconstructionLoss(input, outputs.Reconstruction);");
            }

            if (model.SoftSharingLambda is not null)
            {
                writer.Line("var softSharingPenalty = softSharing.Compute();");
            }

            // The runtime's sum, not "a + b": TorchSharp's + operator leaves a native Scalar per addition to the finalizer.
            string total = terms.Count == 1 ? terms[0] : $"{Runtime}LossSum.Of({string.Join(", ", terms)})";
            writer.Line($"return new {self}.Losses({total}, {string.Join(", ", members)});");
            writer.Close();
            writer.Line();
        }

        private static void WriteStep(IndentedWriter writer, Shape shape)
        {
            ModelInfo model = shape.Model;
            string input = model.InputPerTask ? "batch.Inputs" : "batch.Input";
            string reconstruction = model.Trunk is AutoencoderTrunkInfo ? ", batch.Input" : string.Empty;
            writer.Line($"{Runtime}TaskStep {shape.Network}.Step({shape.Self}.Batch batch)");
            writer.Open();
            writer.Line($"var outputs = forward({input});");
            writer.Line($"var losses = ComputeLoss(outputs, batch.Targets{reconstruction});");
            writer.Line($"return new {Runtime}TaskStep(losses.Total, [{Join(shape.Heads, h => "losses." + Property(h))}], [{Join(shape.Heads, h => "outputs." + Property(h))}], [{Join(shape.Heads, h => "batch.Targets." + Property(h))}]);");
            writer.Close();
            writer.Line();
        }

        private static void WritePredict(IndentedWriter writer, Shape shape)
        {
            bool perTask = shape.Model.InputPerTask;
            writer.Line(perTask
                ? "/// <summary>Per-task predictions in eval mode without gradients; null for a task without input.</summary>"
                : "/// <summary>Per-task predictions in eval mode without gradients.</summary>");
            writer.Line(perTask
                ? $"public {shape.Self}.Predictions Predict({shape.Self}.Inputs inputs)"
                : $"public {shape.Self}.Predictions Predict({Tensor} input)");
            writer.Open();
            writer.Line($"using var inference = {Runtime}Inference.Enter(this);");
            writer.Line(perTask ? "var outputs = forward(inputs);" : "var outputs = forward(input);");
            string Prediction(HeadInfo h) => perTask
                ? $"outputs.{Property(h)} is null ? null : {TaskField(h)}.Predict(outputs.{Property(h)})"
                : $"{TaskField(h)}.Predict(outputs.{Property(h)})";
            writer.Line($"return new {shape.Self}.Predictions({Join(shape.Heads, Prediction)});");
            writer.Close();
            writer.Line();
        }
    }
}
