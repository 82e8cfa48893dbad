using System.Collections.Generic;
using System.Linq;
using MultiTask.Generators.Emit;
using MultiTask.Generators.Model;
using static MultiTask.Generators.Emit.Emitter;

namespace MultiTask.Generators.Plans
{
    /// <summary>
    /// Declared input fields (<c>[Dense]</c>, <c>[Categorical]</c>, <c>[TokenSequence]</c>, <c>[Image]</c>): a batch holds one
    /// tensor per field in a <c>Features</c> record; each field's encoder (a shared component) reads its tensor, and their
    /// outputs, concatenated in declaration order, are the one input the sharing plan reads. Every task is in every batch.
    /// </summary>
    internal sealed class FieldsInputPlan(ModelInfo model) : SharedInputPlan(model)
    {
        private readonly IReadOnlyList<FieldPlan> fields = model.Fields.Select(FieldPlan.For).ToList();

        public override string ShortType => "Features";

        public override string OnDevice => "batch.Input.To(device)";

        public override string ColumnMap => "FieldColumnMap";

        public override string Encoded => "encoded";

        public override string LossInput => "Encode(batch.Input)";

        public override IReadOnlyList<Component> Components
            => fields.Select(f => new Component(f.Field.Name, f.Module, f.EncoderType, f.Field.Accessibility, null, null)).ToList();

        public override string SharedModules => string.Join(", ", fields.Select(f => f.Module));

        public override IEnumerable<GeneratedMember> Members => base.Members.Concat(
        [
            GeneratedMember.OfModel("Features", "the nested record 'Features'"),
            GeneratedMember.Method("Encode", 1, "Encode(Features)"),
        ]);

        public override string Type(string self) => $"{self}.Features";

        public override string ColumnsBaseArguments(Shape shape) => Literals.String(shape.DisplayName);

        public override void WriteStaticFields(IndentedWriter writer)
        {
            foreach (FieldPlan field in fields)
            {
                field.WriteDescriptor(writer);
            }
        }

        public override void WriteConstruction(IndentedWriter writer)
        {
            // A field reading another's table is built after the table's owner.
            foreach (FieldPlan field in fields.OrderBy(f => f.ReadsAnotherField))
            {
                field.WriteConstruction(writer);
            }
        }

        public override void WriteEncoding(IndentedWriter writer, Shape shape) => writer.Line($"using var {Encoded} = Encode(input);");

        public override void WriteInputs(IndentedWriter writer, string self, IReadOnlyList<HeadInfo> heads)
        {
            string first = fields[0].Property;
            writer.Line("/// <summary>A batch of the input fields, one tensor each.</summary>");
            foreach (FieldPlan field in fields)
            {
                writer.Line($"/// <param name=\"{field.Field.Name}\">{field.Shape}.</param>");
            }

            writer.Line($"public sealed record Features({JoinFields(f => $"{Tensor} {f.Property}")})");
            writer.Open();
            writer.Line("/// <summary>The fields on <paramref name=\"device\"/>.</summary>");
            writer.Line($"public {self}.Features To(global::TorchSharp.torch.Device device) => new({JoinFields(f => $"{Member(f.Property, "device")}.to(device)")});");
            writer.Line();
            writer.Line("/// <summary>The rows at the int64 indices <paramref name=\"rows\"/>.</summary>");
            writer.Line($"public {self}.Features Select({Tensor} rows) => new({JoinFields(f => $"{Member(f.Property, "rows")}.index_select(0, rows)")});");
            writer.Line();
            writer.Line("/// <summary>Every field checked against the first field's row count (shapes, dtypes, ids, naming the data set's row), converted where lossless.</summary>");
            writer.Line($"public {self}.Features CheckDataSet()");
            writer.Open();
            writer.Line($"long rows = {Member(first, "rows")}.size(0);");
            writer.Line($"return new({JoinFields(f => $"{f.Descriptor}.CheckDataSet({Member(f.Property, "rows")}, rows, {Literals.String(Model.Hierarchy.Name.TrimStart('@'))})")});");
            writer.Close();
            writer.Close();
            writer.Line();
        }

        public override void WriteBatch(IndentedWriter writer, Shape shape)
        {
            string self = shape.Self;
            writer.Line("/// <summary>A batch of input fields and their targets.</summary>");
            writer.Line("/// <param name=\"Input\">The input fields of these rows.</param>");
            writer.Line("/// <param name=\"Targets\">The target of every task for these rows.</param>");
            writer.Line($"public sealed record Batch({self}.Features Input, {self}.Targets Targets)");
            writer.Open();
            writer.Line("/// <summary>");
            writer.Line("/// Batches of <paramref name=\"batchSize\"/> rows, in a new random order on every pass when <paramref name=\"shuffle\"/> is set.");
            writer.Line("/// Every field and every target are checked first (row counts, dtypes, ids and label values, naming the data set's row).");
            writer.Line("/// </summary>");
            writer.Line($"public static {Emitter.Enumerable}<{self}.Batch> From({self}.Features input, {self}.Targets targets, int batchSize, bool shuffle = false, int seed = 0)");
            writer.Open();
            writer.Line("var checkedInput = input.CheckDataSet();");
            writer.Line($"long rows = checkedInput.{fields[0].Property}.size(0);");
            writer.Line("var checkedTargets = targets.CheckDataSet(rows);");
            shape.Esmm?.WriteImpressionsCheck(writer);
            writer.Line($"return new {Runtime}InMemoryBatches<{self}.Batch>(rows, batchSize, shuffle, seed, selected => new(checkedInput.Select(selected), checkedTargets.Select(selected)), checkedInput.{fields[0].Property}.device);");
            writer.Close();
            writer.Close();
        }

        public override void WriteColumnMembers(IndentedWriter writer)
        {
            foreach (FieldPlan field in fields)
            {
                writer.Line();
                writer.Line($"/// <summary>The column(s) of the field <c>{field.Field.Name}</c>: {field.Shape}.</summary>");
                writer.Line($"public required {field.ColumnType} {field.Property} {{ get; init; }}");
            }
        }

        public override void WriteColumnBatches(IndentedWriter writer, Shape shape)
        {
            string self = shape.Self;
            string features = string.Join(", ", fields.Select((_, k) => $"fields[{Literals.Number(k)}]"));
            string targets = JoinIndexed(shape, (_, k) => $"targets[{Literals.Number(k)}]");
            writer.Line("/// <inheritdoc />");
            writer.Line($"public override {ReadOnlyList}<{Runtime}FieldColumn> FieldColumns => [{JoinFields(f => $"new({f.Descriptor}, {f.Property})")}];");
            writer.Line();
            writer.Line("/// <inheritdoc />");
            writer.Line($"public override {self}.Batch ToBatch({ReadOnlyList}<{Tensor}> fields, {ReadOnlyList}<{Runtime}TaskTarget> targets) => new(new({features}), new({targets}));");
            writer.Line();
            writer.Line("/// <inheritdoc />");
            writer.Line($"public override {Emitter.Enumerable}<{self}.Batch> Batches({ReadOnlyList}<{Tensor}> fields, {ReadOnlyList}<{Runtime}TaskTarget> targets, int batchSize, bool shuffle, int seed) => {self}.Batch.From(new({features}), new({targets}), batchSize, shuffle, seed);");
        }

        public override void WriteForward(IndentedWriter writer, Shape shape)
        {
            writer.Line($"/// <summary>Every field's encoding, concatenated in declaration order: [N, {Literals.Number(Model.InputSize)}].</summary>");
            writer.Line($"private {Tensor} Encode({shape.Self}.Features input)");
            writer.Open();
            writer.Line("using var scope = global::TorchSharp.torch.NewDisposeScope();");
            writer.Line($"return global::TorchSharp.torch.cat([{JoinFields(f => $"{Member(f.Module, "input", "scope")}.forward(input.{f.Property})")}], 1).MoveToOuterDisposeScope();");
            writer.Close();
            writer.Line();
            base.WriteForward(writer, shape);
        }

        private string JoinFields(System.Func<FieldPlan, string> selector) => string.Join(", ", fields.Select(selector));
    }
}
