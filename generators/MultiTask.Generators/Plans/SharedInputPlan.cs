using System.Collections.Generic;
using MultiTask.Generators.Emit;
using MultiTask.Generators.Model;
using static MultiTask.Generators.Emit.Emitter;

namespace MultiTask.Generators.Plans
{
    /// <summary>One input tensor every task reads; every task is present in every batch.</summary>
    internal class SharedInputPlan(ModelInfo model) : InputPlan(model)
    {
        public override string ShortType => "Tensor";

        public override string OfBatch => "batch.Input";

        public override string OnDevice => "batch.Input.to(device)";

        public override string Optional => string.Empty;

        public override string OutputsSummary => "The output of every task.";

        public override string TargetsSummary => "The target of every task; a row's label may be masked out.";

        public override string PredictionsSummary => "The prediction of every task.";

        public override string LossOfAbsentTask => string.Empty;

        public override string ColumnMap => "ColumnMap";

        public override IEnumerable<GeneratedMember> Members =>
        [
            GeneratedMember.OfRecord("Select", "Targets"),
            GeneratedMember.OfRecord("CheckDataSet", "Targets"),
        ];

        public override string Type(string self) => Tensor;

        public override string Loss(string task, string property) => $"{task}.Loss(outputs.{property}, targets.{property})";

        public override void WriteTargetsMembers(IndentedWriter writer, string self, IReadOnlyList<HeadInfo> heads)
        {
            writer.Line("/// <summary>The targets of the rows at the int64 indices <paramref name=\"rows\"/>.</summary>");
            writer.Line($"public {self}.Targets Select({Tensor} rows) => new({Join(heads, h => $"{Member(Property(h), "rows")}.Select(rows)")});");
            writer.Line();
            writer.Line("/// <summary>Every task's target checked against a data set of <paramref name=\"rows\"/> rows (counts, dtypes, label values), converted where lossless.</summary>");
            writer.Line($"public {self}.Targets CheckDataSet(long rows) => new({Join(heads, h => $"{TaskField(h)}.CheckDataSet({Member(Property(h), "rows")}, rows)")});");
            writer.Line();
        }

        public override void WriteBatch(IndentedWriter writer, Shape shape)
        {
            string self = shape.Self;
            string inputSize = Literals.Number(Model.InputSize);
            writer.Line("/// <summary>A batch of input rows and their targets.</summary>");
            writer.Line($"/// <param name=\"Input\">[N, {inputSize}] input rows.</param>");
            writer.Line("/// <param name=\"Targets\">The target of every task for these rows.</param>");
            writer.Line($"public sealed record Batch({Tensor} Input, {self}.Targets Targets)");
            writer.Open();
            writer.Line("/// <summary>");
            writer.Line("/// Batches of <paramref name=\"batchSize\"/> rows, in a new random order on every pass when <paramref name=\"shuffle\"/> is set.");
            writer.Line("/// The input and every target are checked first (row counts, dtypes, label values, naming the data set's row).");
            writer.Line("/// </summary>");
            writer.Line($"public static {Enumerable}<{self}.Batch> From({Tensor} input, {self}.Targets targets, int batchSize, bool shuffle = false, int seed = 0)");
            writer.Open();
            writer.Line($"var checkedInput = {Runtime}ModelInput.Checked(input, {inputSize}, {Literals.String(shape.DisplayName)});");
            writer.Line("var checkedTargets = targets.CheckDataSet(checkedInput.size(0));");
            shape.Esmm?.WriteImpressionsCheck(writer);
            writer.Line($"return new {Runtime}InMemoryBatches<{self}.Batch>(checkedInput.size(0), batchSize, shuffle, seed, rows => new(checkedInput.index_select(0, rows), checkedTargets.Select(rows)), checkedInput.device);");
            writer.Close();
            writer.Close();
        }

        public override void WriteColumnBatches(IndentedWriter writer, Shape shape)
        {
            string self = shape.Self;
            string targets = JoinIndexed(shape, (_, k) => $"targets[{Literals.Number(k)}]");
            writer.Line("/// <inheritdoc />");
            writer.Line($"public override {self}.Batch ToBatch({Tensor} input, {ReadOnlyList}<{Runtime}TaskTarget> targets) => new(input, new({targets}));");
            writer.Line();
            writer.Line("/// <inheritdoc />");
            writer.Line($"public override {Enumerable}<{self}.Batch> Batches({Tensor} input, {ReadOnlyList}<{Runtime}TaskTarget> targets, int batchSize, bool shuffle, int seed) => {self}.Batch.From(input, new({targets}), batchSize, shuffle, seed);");
        }

        public override void WriteForward(IndentedWriter writer, Shape shape) => WriteSharedInputForward(writer, shape);

        public override void WritePredict(IndentedWriter writer, Shape shape) => WriteSharedInputPredict(writer, shape);
    }
}
