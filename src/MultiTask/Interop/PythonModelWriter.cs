using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace MultiTask
{
    /// <summary>Writes the Python file of an export: the blocks (multitask_blocks.py), then the model's own class.</summary>
    internal static class PythonModelWriter
    {
        public static string Write(ExportedModel model, IReadOnlyDictionary<string, IReadOnlyList<string>> userModuleKeys)
        {
            var text = new StringBuilder();
            Header(text, model, userModuleKeys);
            text.Append(BlocksSource()).Append("\n\n");
            Class(text, model, userModuleKeys);
            return text.ToString().ReplaceLineEndings("\n");
        }

        private static void Header(StringBuilder text, ExportedModel model, IReadOnlyDictionary<string, IReadOnlyList<string>> userModuleKeys)
        {
            string example = model.InputPerTask ? "{" + string.Join(", ", model.Tasks.Select(t => $"{PythonText.String(t.Name)}: x")) + "}" : "x";
            text.Append($$""""
                """{{model.ModelType.FullName}}, exported by MultiTask (C#) as a torch.nn.Module with the same state-dict keys.

                    from model import {{model.ClassName}}
                    model = {{model.ClassName}}.load("model.safetensors").eval()
                    outputs = model({{example}})   # {task name: output}, as the C# model's Outputs
                    total, losses = model.compute_loss(outputs, targets, masks, input)

                compute_loss is the declared loss: each task's weight times its loss, plus the soft-sharing penalty and the
                reconstruction loss when the model has them. The C# model trains with {{model.Weighting}}
                """");
            text.Append(model.Weighting == nameof(StaticWeighting)
                ? ", which is exactly that.\n"
                : "; that method is not reproduced here\n(its state, if any, is kept under the same keys so that the file imports back).\n");
            foreach (var (field, keys) in userModuleKeys)
            {
                var component = model.Components.Single(c => c.Field == field);
                text.Append($"""

                    NOTE: '{field}' is the user module {component.UserType}. Its weights are exported, but its Python class is yours to
                    write: a torch.nn.Module with the state-dict keys {string.Join(", ", keys)}, passed as
                    {model.ClassName}({field}=YourModule(...)) or {model.ClassName}.load(path, {field}=YourModule(...)).

                    """);
            }

            text.Append("\"\"\"\n\n");
        }

        private static void Class(StringBuilder text, ExportedModel model, IReadOnlyDictionary<string, IReadOnlyList<string>> userModuleKeys)
        {
            text.Append($"# ---- {model.ModelType.FullName}, with the blocks above ----\n\n\n");
            text.Append($"class {model.ClassName}(MultiTaskModule):\n");
            text.Append("    TASKS = [\n");
            for (int i = 0; i < model.Tasks.Count; i++)
            {
                text.Append("        ").Append(PythonText.Dict(TaskEntries(model.Tasks[i], model.HeadFields[i]))).Append(",\n");
            }

            text.Append("    ]\n");
            text.Append($"    INPUT_SIZE = {model.InputSize}\n");
            text.Append($"    INPUT_PER_TASK = {PythonText.Bool(model.InputPerTask)}\n");
            text.Append($"    SOFT_SHARING_LAMBDA = {Optional(model.SoftSharingLambda)}\n");
            text.Append($"    RECONSTRUCTION_WEIGHT = {Optional(model.ReconstructionWeight)}\n");
            text.Append($"    LOSS_WEIGHTING = {PythonText.String(model.Weighting)}\n\n");

            var userModules = model.Components.Where(c => c.UserType is not null).ToList();
            text.Append("    def __init__(self").Append(string.Concat(userModules.Select(c => $", {c.Constructor}=None"))).Append("):\n");
            text.Append("        super().__init__()\n");
            foreach (PythonComponent component in model.Components)
            {
                string constructor = component.UserType is null
                    ? component.Constructor
                    : $"{component.Constructor} if {component.Constructor} is not None else missing_module({PythonText.String(component.Field)}, {PythonText.String(component.UserType)}, {PythonText.List(userModuleKeys[component.Field].Select(PythonText.String))})";
                text.Append("        ").Append(PythonText.Assign(component.Field, constructor)).Append('\n');
            }

            text.Append('\n');
            Forward(text, model);
        }

        private static void Forward(StringBuilder text, ExportedModel model)
        {
            PythonComponent? trunk = model.Trunk;
            string Head(int task) => PythonText.Member("self", model.HeadFields[task]);
            var outputs = new List<string>();
            if (model.InputPerTask)
            {
                text.Append("    def forward(self, inputs):\n");
                text.Append("        \"\"\"inputs: {task name: [N, INPUT_SIZE] rows, or None}; a task without input gets None.\"\"\"\n");
                string through = trunk is null ? string.Empty : ", " + PythonText.Member("self", trunk.Field);
                outputs.AddRange(model.Tasks.Select((t, i) => $"per_task({Head(i)}, inputs.get({PythonText.String(t.Name)}){through})"));
            }
            else
            {
                text.Append("    def forward(self, input):\n");
                string read = "input";
                if (trunk is not null)
                {
                    read = trunk.Role == ComponentRole.Autoencoder ? "latent" : "representation";
                    text.Append($"        {read} = {PythonText.Member("self", trunk.Field)}(input)\n");
                }

                outputs.AddRange(model.Tasks.Select((_, i) => trunk?.Role == ComponentRole.PerTaskTrunk ? $"{Head(i)}({read}[{i}])" : $"{Head(i)}({read})"));
                if (trunk?.Role == ComponentRole.Autoencoder)
                {
                    outputs.Add($"{PythonText.Member("self", trunk.Field)}.decode(latent)");
                }
            }

            text.Append("        return {\n");
            for (int i = 0; i < outputs.Count; i++)
            {
                text.Append($"            {PythonText.String(model.Outputs[i])}: {outputs[i]},\n");
            }

            text.Append("        }\n");
        }

        private static IEnumerable<(string, string)> TaskEntries(TaskDefinition task, string field)
        {
            yield return ("name", PythonText.String(task.Name));
            yield return ("field", PythonText.String(field));
            yield return ("kind", PythonText.String(Architecture.KindOf(task)));
            yield return ("weight", PythonText.Number(task.Weight));
            switch (task)
            {
                case ClassificationTask classification:
                    yield return ("outputs", classification.Classes.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    yield return ("labelSmoothing", PythonText.Number(classification.LabelSmoothing));
                    yield return ("classWeights", classification.ClassWeights is { } weights ? PythonText.List(weights.Select(PythonText.Number)) : "None");
                    break;
                case BinaryTask binary:
                    yield return ("outputs", "1");
                    yield return ("positiveWeight", Optional(binary.PositiveWeight));
                    yield return ("threshold", PythonText.Number(binary.Threshold));
                    break;
                case RegressionTask regression:
                    yield return ("outputs", regression.Outputs.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    yield return ("loss", PythonText.String(regression.LossKind.ToString()));
                    yield return ("huberDelta", PythonText.Number(regression.HuberDelta));
                    break;
            }
        }

        private static string Optional(double? value) => value is { } v ? PythonText.Number(v) : "None";

        private static string BlocksSource()
        {
            using Stream stream = typeof(PythonModelWriter).Assembly.GetManifestResourceStream("MultiTask.Interop.multitask_blocks.py")!;
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }
}
