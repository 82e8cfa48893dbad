using System.Collections.Generic;
using System.Linq;
using MultiTask.Generators.Model;
using MultiTask.Generators.Plans;

namespace MultiTask.Generators.Emit
{
    /// <summary>
    /// The forward pass, the loss, the trainer's step and the predictions. A model with a shared component splits the pass
    /// in two: <c>Represent</c> computes what the heads read (a <c>SharedRepresentation</c>), <c>ReadHeads</c> runs the
    /// heads on it. <c>forward</c> disposes the representation once the heads have read it; <c>Step</c> hands it to the
    /// <c>TaskStep</c>, whose dispose scope owns it.
    /// </summary>
    internal static partial class Emitter
    {
        private const string Representation = "global::MultiTask.SharedRepresentation";

        /// <summary><c>forward</c> of one shared input, and with a shared component <c>Represent</c> and <c>ReadHeads</c>.</summary>
        internal static void WriteSharedInputForward(IndentedWriter writer, Shape shape)
        {
            string outputs = string.Join(", ", shape.Heads.Select(h => $"<c>{h.Name}</c> {OutputShape(h.Task)}")
                .Concat(shape.Plan.ExtraOutputs.Select(o => $"<c>{o.Name}</c> {o.Shape}")));
            writer.Line($"/// <summary>{shape.Plan.Route}: {outputs}.</summary>");
            string encoded = shape.Input.Encoded;
            writer.Line($"public override {shape.Self}.Outputs forward({shape.Input.Type(shape.Self)} input)");
            writer.Open();
            if (shape.Plan.Shared is not { } shared)
            {
                shape.Input.WriteEncoding(writer, shape);
                writer.Line($"return new {shape.Self}.Outputs({Join(shape.Heads, h => $"{Member(Field(h.Name), "input", encoded)}.forward({encoded})")});");
                writer.Close();
                writer.Line();
                return;
            }

            writer.Line("using var representation = Represent(input);");
            writer.Line("return ReadHeads(representation);");
            writer.Close();
            writer.Line();
            WriteRepresentation(writer, shape, shared);
        }

        /// <summary><c>Represent</c>, what the shared component makes of the input, and <c>ReadHeads</c>, the heads on it.</summary>
        private static void WriteRepresentation(IndentedWriter writer, Shape shape, SharedComponentPlan shared)
        {
            string factory = shared.PerTask ? "PerTask" : "Shared";
            writer.Line($"/// <summary>What the heads read: {shared.Reads}.</summary>");
            string encoded = shape.Input.Encoded;
            writer.Line($"private {Representation} Represent({shape.Input.Type(shape.Self)} input)");
            writer.Open();
            shape.Input.WriteEncoding(writer, shape);
            writer.Line($"return {Representation}.{factory}({Member(shared.Field, "input", encoded)}.forward({encoded}));");
            writer.Close();
            writer.Line();

            string heads = string.Join(", ", shape.Heads.Select((h, k) => $"{Member(Field(h.Name), "representation")}.forward({Read(k)})")
                .Concat(shape.Plan.ExtraOutputs.Select(o => o.Expression)));
            writer.Line($"/// <summary>{shared.ReadHeadsSummary}.</summary>");
            writer.Line($"private {shape.Self}.Outputs ReadHeads({Representation} representation) => new({heads});");
            writer.Line();
        }

        /// <summary>What the head of task <paramref name="task"/> reads of the representation (the one tensor, when every head reads it).</summary>
        private static string Read(int task) => $"representation[{Literals.Number(task)}]!";

        /// <summary>The heads, each with its task's index: what <paramref name="selector"/> makes of them, comma-separated.</summary>
        internal static string JoinIndexed(Shape shape, System.Func<HeadInfo, int, string> selector)
            => string.Join(", ", shape.Heads.Select(selector));

        internal static string InputCheck(Shape shape, string input)
            => $"{Runtime}ModelInput.Check({input}, {Literals.Number(shape.Model.InputSize)}, {Literals.String(shape.DisplayName)});";

        /// <summary>
        /// One input per task: each task's rows go through the trunk (if any) and the task's head. With a trunk, the
        /// representation holds the trunk's output of every present task (null for an absent one).
        /// </summary>
        internal static void WritePerTaskForward(IndentedWriter writer, Shape shape)
        {
            SharedComponentPlan? shared = shape.Plan.Shared;
            string route = shared is null ? "Runs each task's head on the task's own input" : "Runs the trunk and each task's head on the task's own input";
            writer.Line($"/// <summary>{route}; a task without input in this batch gets a null output.</summary>");
            writer.Line($"public override {shape.Self}.Outputs forward({shape.Self}.Inputs inputs)");
            writer.Open();
            if (shared is null)
            {
                writer.Line($"return new {shape.Self}.Outputs({Join(shape.Heads, h => $"RunTask({Member(Field(h.Name), "inputs")}, inputs.{Property(h)})")});");
                writer.Close();
                writer.Line();
                writer.Line("/// <summary>One task's input through the task's head; null when the batch has no input for the task.</summary>");
                writer.Line($"private {Tensor}? RunTask(global::TorchSharp.torch.nn.Module<{Tensor}, {Tensor}> head, {Tensor}? input)");
                writer.Open();
                WriteAbsentInput(writer);
                writer.Line(InputCheck(shape, "input"));
                writer.Line("return head.forward(input);");
                writer.Close();
                writer.Line();
                return;
            }

            writer.Line("using var representation = Represent(inputs);");
            writer.Line("return ReadHeads(representation);");
            writer.Close();
            writer.Line();

            writer.Line("/// <summary>What the heads read: the trunk's output of each task's own input; null for a task without input in this batch.</summary>");
            writer.Line($"private {Representation} Represent({shape.Self}.Inputs inputs) => {Representation}.PerTask({Join(shape.Heads, h => $"RunTrunk(inputs.{Property(h)})")});");
            writer.Line();

            writer.Line("/// <summary>One task's input through the trunk; null when the batch has no input for the task.</summary>");
            writer.Line($"private {Tensor}? RunTrunk({Tensor}? input)");
            writer.Open();
            WriteAbsentInput(writer);
            writer.Line(InputCheck(shape, "input"));
            writer.Line($"return {Member(shared.Field, "input")}.forward(input);");
            writer.Close();
            writer.Line();

            writer.Line("/// <summary>Runs each task's head on its part of <paramref name=\"representation\"/>; null for a task without input.</summary>");
            writer.Line($"private {shape.Self}.Outputs ReadHeads({Representation} representation) => new({JoinIndexed(shape, (h, k) => $"RunHead({Member(Field(h.Name), "representation")}, representation[{Literals.Number(k)}])")});");
            writer.Line();
            writer.Line("/// <summary>The head's output for <paramref name=\"input\"/>; null when the task has no input.</summary>");
            writer.Line($"private static {Tensor}? RunHead(global::TorchSharp.torch.nn.Module<{Tensor}, {Tensor}> head, {Tensor}? input) => input is null ? null : head.forward(input);");
            writer.Line();
        }

        private static void WriteAbsentInput(IndentedWriter writer)
        {
            writer.Line("if (input is null)");
            writer.Open();
            writer.Line("return null;");
            writer.Close();
            writer.Line();
        }

        private static void WriteComputeLoss(IndentedWriter writer, Shape shape)
        {
            string self = shape.Self;
            IReadOnlyList<AuxiliaryLossPlan> auxiliary = shape.Plan.AuxiliaryLosses;
            var names = shape.Heads.Select(h => Weighted(h.Weight, h.Name)).Concat(auxiliary.Select(a => Weighted(a.Weight, a.Name)));
            var terms = shape.Heads.Select(WeightedLoss).Concat(auxiliary.Select(a => a.Term)).ToList();
            var members = shape.Heads.Select(LossLocal).Concat(auxiliary.Select(a => a.Local));
            string parameters = $"{self}.Outputs outputs, {self}.Targets targets";
            if (shape.Plan.LossReadsInput)
            {
                parameters += $", {Tensor} input";
            }

            writer.Line($"/// <summary>Each task's loss over its present labels{shape.Input.LossOfAbsentTask}, and the total <c>{string.Join(" + ", names)}</c>.</summary>");
            writer.Line($"public {self}.Losses ComputeLoss({parameters})");
            writer.Open();
            shape.Esmm?.WriteLoss(writer);
            foreach (HeadInfo head in shape.Heads)
            {
                writer.Line($"var {LossLocal(head)} = {shape.Esmm?.LossOf(head) ?? shape.Input.Loss(TaskField(head), Property(head))};");
            }

            foreach (AuxiliaryLossPlan loss in auxiliary)
            {
                writer.Line($"var {loss.Local} = {loss.Computation};");
            }

            // The runtime's sum, not "a + b": TorchSharp's + operator leaves a native Scalar per addition to the finalizer.
            string total = terms.Count == 1 ? terms[0] : $"{Runtime}LossSum.Of({string.Join(", ", terms)})";
            writer.Line($"return new {self}.Losses({total}, {string.Join(", ", members)});");
            writer.Close();
            writer.Line();
        }

        private static void WriteStep(IndentedWriter writer, Shape shape)
        {
            string input = shape.Input.OfBatch;
            var initializer = new List<string>();
            IReadOnlyList<AuxiliaryLossPlan> auxiliary = shape.Plan.AuxiliaryLosses;
            if (auxiliary.Count > 0)
            {
                initializer.Add($"Auxiliary = [{string.Join(", ", auxiliary.Select(a => $"new({Literals.String(a.Name)}, losses.{a.Name}{(a.Weight == 1 ? string.Empty : ", " + Literals.Number(a.Weight))})"))}]");
            }

            writer.Line($"{Runtime}TaskStep {shape.Network}.Step({shape.Self}.Batch batch)");
            writer.Open();
            if (shape.Plan.Shared is null)
            {
                writer.Line($"var outputs = forward({input});");
            }
            else
            {
                writer.Line($"var representation = Represent({input});");
                writer.Line("var outputs = ReadHeads(representation);");
                initializer.Add("Representation = representation");
            }

            writer.Line($"var losses = ComputeLoss(outputs, batch.Targets{(shape.Plan.LossReadsInput ? ", " + shape.Input.LossInput : string.Empty)});");
            string step = $"new {Runtime}TaskStep(losses.Total, [{Join(shape.Heads, h => "losses." + Property(h))}], [{Join(shape.Heads, h => "outputs." + Property(h))}], [{Join(shape.Heads, h => "batch.Targets." + Property(h))}])";
            writer.Line(initializer.Count == 0 ? $"return {step};" : $"return {step} {{ {string.Join(", ", initializer)} }};");
            writer.Close();
            writer.Line();
        }

        /// <summary>
        /// The predictions of one shared input. With a shared component, the heads read the representation directly (an
        /// autoencoder's decoder does not run); otherwise through <c>forward</c>.
        /// </summary>
        internal static void WriteSharedInputPredict(IndentedWriter writer, Shape shape)
        {
            writer.Line("/// <summary>Per-task predictions in eval mode without gradients.</summary>");
            writer.Line($"public {shape.Self}.Predictions Predict({shape.Input.Type(shape.Self)} input)");
            writer.Open();
            writer.Line($"using var inference = {Runtime}Inference.Enter(this);");
            if (shape.Esmm is { } esmm)
            {
                // pCTCVR reads both logits, so the heads' outputs are kept rather than passed straight to Predict.
                if (shape.Plan.Shared is null)
                {
                    writer.Line("var outputs = forward(input);");
                }
                else
                {
                    writer.Line("using var representation = Represent(input);");
                    writer.Line("var outputs = ReadHeads(representation);");
                }

                esmm.WriteProbabilities(writer);
                writer.Line($"return new {shape.Self}.Predictions({Join(shape.Heads, h => $"{TaskField(h)}.Predict(outputs.{Property(h)})")}, {EsmmPlan.PredictionArgument});");
            }
            else if (shape.Plan.Shared is null)
            {
                writer.Line("var outputs = forward(input);");
                writer.Line($"return new {shape.Self}.Predictions({Join(shape.Heads, h => $"{TaskField(h)}.Predict(outputs.{Property(h)})")});");
            }
            else
            {
                writer.Line("using var representation = Represent(input);");
                writer.Line($"return new {shape.Self}.Predictions({JoinIndexed(shape, (h, k) => $"{TaskField(h)}.Predict({Member(Field(h.Name), "input", "inference", "representation")}.forward({Read(k)}))")});");
            }

            writer.Close();
            writer.Line();
        }

        /// <summary>The predictions of one input per task, through <c>forward</c>; null for a task without input.</summary>
        internal static void WritePerTaskPredict(IndentedWriter writer, Shape shape)
        {
            writer.Line("/// <summary>Per-task predictions in eval mode without gradients; null for a task without input.</summary>");
            writer.Line($"public {shape.Self}.Predictions Predict({shape.Self}.Inputs inputs)");
            writer.Open();
            writer.Line($"using var inference = {Runtime}Inference.Enter(this);");
            writer.Line("var outputs = forward(inputs);");
            writer.Line($"return new {shape.Self}.Predictions({Join(shape.Heads, h => $"outputs.{Property(h)} is null ? null : {TaskField(h)}.Predict(outputs.{Property(h)})")});");
            writer.Close();
            writer.Line();
        }
    }
}
