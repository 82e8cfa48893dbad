using System.Collections.Generic;
using System.Linq;
using MultiTask.Generators.Model;

namespace MultiTask.Generators.Emit
{
    /// <summary>The typed records: inputs, outputs, targets, batches, losses, metrics and predictions.</summary>
    internal static partial class Emitter
    {
        private static void WriteRecords(IndentedWriter writer, Shape shape)
        {
            ModelInfo model = shape.Model;
            string self = shape.Self;
            IReadOnlyList<HeadInfo> heads = shape.Heads;
            bool perTask = model.InputPerTask;
            bool autoencoder = model.Trunk is AutoencoderTrunkInfo;
            string optional = perTask ? "?" : string.Empty;
            string inputSize = Literals.Number(model.InputSize);

            if (perTask)
            {
                writer.Line("/// <summary>Each task's own input rows; null for a task absent from the batch.</summary>");
                WriteParams(writer, heads, h => $"[N, {inputSize}] input rows of <c>{h.Name}</c>.");
                writer.Line($"public sealed record Inputs({Join(heads, h => $"{Tensor}? {Property(h)}")})");
                writer.Open();
                writer.Line("/// <summary>The inputs on <paramref name=\"device\"/>.</summary>");
                writer.Line($"public {self}.Inputs To(global::TorchSharp.torch.Device device) => new({Join(heads, h => $"{Member(Property(h), "device")}?.to(device)")});");
                writer.Close();
                writer.Line();
            }

            writer.Line(perTask ? "/// <summary>The output of every task; null for a task absent from the batch.</summary>" : "/// <summary>The output of every task.</summary>");
            WriteParams(writer, heads, h => $"<c>{h.Name}</c>: {OutputShape(h.Task)}.");
            string outputs = Join(heads, h => $"{Tensor}{optional} {Property(h)}");
            if (autoencoder)
            {
                writer.Line($"/// <param name=\"Reconstruction\">The autoencoder's reconstruction of the input, [N, {inputSize}].</param>");
                outputs += $", {Tensor} Reconstruction";
            }

            writer.Line($"public sealed record Outputs({outputs});");
            writer.Line();

            writer.Line(perTask
                ? "/// <summary>The target of every task; a row's label may be masked out, and a task absent from the batch has none.</summary>"
                : "/// <summary>The target of every task; a row's label may be masked out.</summary>");
            WriteParams(writer, heads, h => $"<c>{h.Name}</c>: {TargetShape(h.Task)}.");
            writer.Line($"public sealed record Targets({Join(heads, h => $"{Runtime}TaskTarget{optional} {Property(h)}")})");
            writer.Open();
            if (!perTask)
            {
                writer.Line("/// <summary>The targets of the rows at the int64 indices <paramref name=\"rows\"/>.</summary>");
                writer.Line($"public {self}.Targets Select({Tensor} rows) => new({Join(heads, h => $"{Member(Property(h), "rows")}.Select(rows)")});");
                writer.Line();
                writer.Line("/// <summary>Every task's target checked against a data set of <paramref name=\"rows\"/> rows (counts, dtypes, label values), converted where lossless.</summary>");
                writer.Line($"public {self}.Targets CheckDataSet(long rows) => new({Join(heads, h => $"{TaskField(h)}.CheckDataSet({Member(Property(h), "rows")}, rows)")});");
                writer.Line();
            }

            writer.Line("/// <summary>The targets on <paramref name=\"device\"/>.</summary>");
            writer.Line($"public {self}.Targets To(global::TorchSharp.torch.Device device) => new({Join(heads, h => $"{Member(Property(h), "device")}{optional}.To(device)")});");
            writer.Close();

            writer.Line();
            if (perTask)
            {
                WritePerTaskBatch(writer, shape);
            }
            else
            {
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
                writer.Line($"return new {Runtime}InMemoryBatches<{self}.Batch>(checkedInput.size(0), batchSize, shuffle, seed, rows => new(checkedInput.index_select(0, rows), checkedTargets.Select(rows)), checkedInput.device);");
                writer.Close();
                writer.Close();
            }

            writer.Line();
            WriteLosses(writer, shape);

            writer.Line("/// <summary>The metrics of every task over a data set.</summary>");
            writer.Line("/// <param name=\"Loss\">The mean total loss.</param>");
            WriteParams(writer, heads, h => $"The metrics of <c>{h.Name}</c>.");
            writer.Line($"public sealed record Metrics(double Loss, {Join(heads, h => $"{Runtime}{MetricsClass(h.Task)} {Property(h)}")});");
            writer.Line();
            writer.Line(perTask ? "/// <summary>The prediction of every task; null for a task without input.</summary>" : "/// <summary>The prediction of every task.</summary>");
            WriteParams(writer, heads, h => $"The prediction of <c>{h.Name}</c>.");
            writer.Line($"public sealed record Predictions({Join(heads, h => $"{Runtime}{PredictionClass(h.Task)}{optional} {Property(h)}")});");
            writer.Line();
        }

        private static void WritePerTaskBatch(IndentedWriter writer, Shape shape)
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
            string inputs = string.Join(", ", heads.Select((_, k) => $"step[{Literals.Number(k)}]?.Input"));
            string targets = string.Join(", ", heads.Select((_, k) => $"step[{Literals.Number(k)}]?.Target"));
            string model = Literals.String(shape.DisplayName);
            string inputSize = Literals.Number(shape.Model.InputSize);
            writer.Line($"    => {Runtime}PerTaskBatches.Create<{self}.Batch>({model}, {inputSize}, AllTasks, [{tasks}], batchSize, shuffle, seed, step => new(new({inputs}), new({targets})));");
            writer.Close();
        }

        private static void WriteLosses(IndentedWriter writer, Shape shape)
        {
            ModelInfo model = shape.Model;
            IReadOnlyList<HeadInfo> heads = shape.Heads;
            var total = heads.Select(h => Weighted(h.Weight, h.Name)).ToList();
            string extra = string.Empty;
            if (model.Trunk is AutoencoderTrunkInfo code)
            {
                total.Add(Weighted(code.ReconstructionWeight, "Reconstruction"));
                extra += $", {Tensor} Reconstruction";
            }

            if (model.SoftSharingLambda is not null)
            {
                total.Add("SoftSharing");
                extra += $", {Tensor} SoftSharing";
            }

            writer.Line("/// <summary>The loss of every task over its present labels, and their weighted total.</summary>");
            writer.Line($"/// <param name=\"Total\"><c>{string.Join(" + ", total)}</c>.</param>");
            WriteParams(writer, heads, h => $"The loss of <c>{h.Name}</c>.");
            if (model.Trunk is AutoencoderTrunkInfo)
            {
                writer.Line("/// <param name=\"Reconstruction\">The autoencoder's reconstruction loss (mean squared error).</param>");
            }

            if (model.SoftSharingLambda is { } lambda)
            {
                writer.Line($"/// <param name=\"SoftSharing\">The soft-sharing penalty <c>{Literals.Number(lambda)} * sum_i ||theta_i - theta_mean||^2</c> over the towers.</param>");
            }

            writer.Line($"public sealed record Losses({Tensor} Total, {Join(heads, h => $"{Tensor} {Property(h)}")}{extra});");
            writer.Line();
        }

        private static void WriteParams(IndentedWriter writer, IEnumerable<HeadInfo> heads, System.Func<HeadInfo, string> text)
        {
            foreach (HeadInfo head in heads)
            {
                writer.Line($"/// <param name=\"{head.Name}\">{text(head)}</param>");
            }
        }
    }
}
