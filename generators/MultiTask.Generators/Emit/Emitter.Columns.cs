using System.Collections.Generic;
using MultiTask.Generators.Model;

namespace MultiTask.Generators.Emit
{
    /// <summary>The column map: where a data file holds the features and each task's target, one required member per task.</summary>
    internal static partial class Emitter
    {
        private static void WriteColumns(IndentedWriter writer, Shape shape)
        {
            string self = shape.Self;
            IReadOnlyList<HeadInfo> heads = shape.Heads;

            writer.Line("/// <summary>Where a data file holds the features and every task's target; a task without its column does not compile.</summary>");
            writer.Line($"public sealed class Columns : {Runtime}{shape.Input.ColumnMap}<{self}.Batch>");
            writer.Open();
            writer.Line("/// <summary>A map to fill with the feature columns and every task's column.</summary>");
            writer.Line($"public Columns() : base({shape.Input.ColumnsBaseArguments(shape)})");
            writer.Open();
            writer.Close();
            shape.Input.WriteColumnMembers(writer);
            foreach (HeadInfo head in heads)
            {
                writer.Line();
                writer.Line($"/// <summary>The column(s) of <c>{head.Name}</c>: {ColumnContent(head.Task)}.</summary>");
                writer.Line($"public required {Runtime}TargetColumn {Property(head)} {{ get; init; }}");
            }

            writer.Line();
            writer.Line("/// <inheritdoc />");
            writer.Line($"public override {ReadOnlyList}<{Runtime}TaskColumn> TaskColumns => [{Join(heads, h => $"new({TaskField(h)}, {Property(h)})")}];");
            writer.Line();
            shape.Input.WriteColumnBatches(writer, shape);
            writer.Close();
            writer.Line();
        }

        private static string ColumnContent(TaskInfo task) => task switch
        {
            ClassificationTaskInfo c => $"class indices in [0, {Literals.Number(c.Classes)}) or class names",
            BinaryTaskInfo => "0 or 1, true or false, or two class names",
            RegressionTaskInfo { Values: 1 } => "values",
            RegressionTaskInfo r => $"{Literals.Number(r.Values)} columns of values",
            _ => "values",
        };
    }
}
