using System.Collections.Generic;
using MultiTask.Generators.Emit;
using MultiTask.Generators.Model;
using static MultiTask.Generators.Emit.Emitter;

namespace MultiTask.Generators.Plans
{
    /// <summary>
    /// One input per task (<c>[MultiTaskModel(InputPerTask = true)]</c>): each task's own rows in an <c>Inputs</c> record; a task
    /// may be absent from a batch, so its output, target and prediction may be null.
    /// </summary>
    internal sealed class PerTaskInputPlan(ModelInfo model) : InputPlan(model)
    {
        public override string ShortType => "Inputs";

        public override string OfBatch => "batch.Inputs";

        public override string OnDevice => "batch.Inputs.To(device)";

        public override string Optional => "?";

        public override string OutputsSummary => "The output of every task; null for a task absent from the batch.";

        public override string TargetsSummary => "The target of every task; a row's label may be masked out, and a task absent from the batch has none.";

        public override string PredictionsSummary => "The prediction of every task; null for a task without input.";

        public override string LossOfAbsentTask => " (zero for a task absent from the batch)";

        public override string ColumnMap => "PerTaskColumnMap";

        public override IEnumerable<GeneratedMember> Members
        {
            get
            {
                yield return GeneratedMember.OfModel("Inputs", "the nested record 'Inputs' (one input per task)");

                // Batch.From(one TaskData per head, named after its field, int batchSize, bool shuffle, int seed), and its lambda's 'step'.
                foreach (string parameter in new[] { "batchSize", "shuffle", "seed", "step" })
                {
                    yield return new(parameter, MemberScope.Parameter, $"'Batch.From' of a model with one input per task has a parameter '{parameter}' beside one per task", null);
                }
            }
        }

        public override string Type(string self) => $"{self}.Inputs";

        public override string Loss(string task, string property) => $"{task}.LossIfPresent(outputs.{property}, targets.{property}, this)";

        public override void WriteInputs(IndentedWriter writer, string self, IReadOnlyList<HeadInfo> heads)
        {
            writer.Line("/// <summary>Each task's own input rows; null for a task absent from the batch.</summary>");
            WriteParams(writer, heads, h => $"[N, {Literals.Number(Model.InputSize)}] input rows of <c>{h.Name}</c>.");
            writer.Line($"public sealed record Inputs({Join(heads, h => $"{Tensor}? {Property(h)}")})");
            writer.Open();
            writer.Line("/// <summary>The inputs on <paramref name=\"device\"/>.</summary>");
            writer.Line($"public {self}.Inputs To(global::TorchSharp.torch.Device device) => new({Join(heads, h => $"{Member(Property(h), "device")}?.to(device)")});");
            writer.Close();
            writer.Line();
        }

        public override void WriteBatch(IndentedWriter writer, Shape shape)
        {
            string self = shape.Self;
            IReadOnlyList<HeadInfo> heads = shape.Heads;
            writer.Line("/// <summary>A batch: each task's input rows and their targets, both null for a task absent from the batch.</summary>");
            writer.Line("/// <param name=\"Inputs\">Each task's input rows.</param>");
            writer.Line("/// <param name=\"Targets\">Each task's targets for its rows.</param>");
            writer.Line($"public sealed record Batch({self}.Inputs Inputs, {self}.Targets Targets)");
            writer.Open();
            writer.Line("/// <summary>");
            writer.Line("/// Batches of <paramref name=\"batchSize\"/> rows of every task's own data set: an epoch runs over the task with the most");
            writer.Line("/// batches, shorter ones restart, and a task given null is absent from every batch. Each data set is checked first (row");
            writer.Line("/// counts, dtypes, label values, naming the data set's row).");
            writer.Line("/// </summary>");
            string parameters = Join(heads, h => $"{Runtime}TaskData? {Field(h.Name)}");
            writer.Line($"public static {Enumerable}<{self}.Batch> From({parameters}, int batchSize, bool shuffle = false, int seed = 0)");
            string tasks = Join(heads, h => Field(h.Name));
            string inputs = JoinIndexed(shape, (_, k) => $"step[{Literals.Number(k)}]?.Input");
            string targets = JoinIndexed(shape, (_, k) => $"step[{Literals.Number(k)}]?.Target");
            writer.Line($"    => {Runtime}PerTaskBatches.Create<{self}.Batch>({Literals.String(shape.DisplayName)}, {Literals.Number(Model.InputSize)}, AllTasks, [{tasks}], batchSize, shuffle, seed, step => new(new({inputs}), new({targets})));");
            writer.Close();
        }

        public override void WriteColumnBatches(IndentedWriter writer, Shape shape)
        {
            string self = shape.Self;
            string tasks = JoinIndexed(shape, (_, k) => $"tasks[{Literals.Number(k)}]");
            writer.Line("/// <inheritdoc />");
            writer.Line($"public override {Enumerable}<{self}.Batch> Batches({ReadOnlyList}<{Runtime}TaskData?> tasks, int batchSize, bool shuffle, int seed) => {self}.Batch.From({tasks}, batchSize, shuffle, seed);");
        }

        public override void WriteForward(IndentedWriter writer, Shape shape) => WritePerTaskForward(writer, shape);

        public override void WritePredict(IndentedWriter writer, Shape shape) => WritePerTaskPredict(writer, shape);
    }
}
