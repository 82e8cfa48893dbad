using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// Takes a generated model to PyTorch and back (docs/scaling.md): <see cref="ExportPyTorch{TBatch}"/> writes its weights as
    /// safetensors and a Python file defining the same network as a <c>torch.nn.Module</c> with the same state-dict keys;
    /// <see cref="ImportPyTorch{TBatch}"/> loads a state dict saved from that module back into the C# model.
    /// </summary>
    public static class PyTorchInterop
    {
        /// <summary>The Python file of an export.</summary>
        public const string PythonFile = "model.py";

        /// <summary>The weights of an export.</summary>
        public const string WeightsFile = "model.safetensors";

        /// <summary>The description of an export: tasks, loss weights, outputs, every tensor's key and shape.</summary>
        public const string ManifestFile = "model.json";

        /// <summary>
        /// Writes <see cref="WeightsFile"/> (every state-dict tensor, safetensors), <see cref="PythonFile"/> (the network as a
        /// <c>torch.nn.Module</c> whose <c>forward</c> returns every task's output, with the declared loss as
        /// <c>compute_loss</c>) and <see cref="ManifestFile"/> into <paramref name="folder"/>, which is created when missing.
        /// Every built-in block is translated; a user module's weights are exported and its Python class is left to the user,
        /// with a note in the Python file naming its state-dict keys.
        /// </summary>
        /// <exception cref="NotSupportedException">The model is not a generated model of a shape the export knows.</exception>
        public static void ExportPyTorch<TBatch>(this IMultiTaskNetwork<TBatch> model, string folder)
        {
            ArgumentNullException.ThrowIfNull(model);
            ArgumentException.ThrowIfNullOrEmpty(folder);
            var module = (nn.Module)model;
            ExportedModel exported = ExportedModel.Of(model);
            var userModuleKeys = exported.Components.Where(c => c.UserType is not null).ToDictionary(
                c => c.Field,
                c => (IReadOnlyList<string>)module.named_children().Single(n => n.name == c.Field).module.state_dict()
                    .Select(e => $"{e.Key} [{string.Join(", ", e.Value.shape)}]").ToList());
            Directory.CreateDirectory(folder);
            using var scope = torch.NewDisposeScope();
            var state = module.state_dict().Select(e => (e.Key, e.Value)).ToList();
            using (var weights = File.Create(Path.Combine(folder, WeightsFile)))
            {
                Safetensors.Write(weights, state, new Dictionary<string, string> { ["format"] = "pt", ["model"] = exported.ModelType.FullName ?? exported.ClassName });
            }

            File.WriteAllText(Path.Combine(folder, PythonFile), PythonModelWriter.Write(exported, userModuleKeys), new UTF8Encoding(false));
            File.WriteAllBytes(Path.Combine(folder, ManifestFile), Manifest(exported, state));
        }

        /// <summary>
        /// Copies the state dict at <paramref name="path"/> into <paramref name="model"/>: a <c>.safetensors</c> file, or a file
        /// saved by PyTorch's <c>torch.save(model.state_dict(), path)</c>. The whole file is read and checked first (every key
        /// present, no key the model lacks, every shape and dtype); on any mismatch nothing is copied and the message names each
        /// key with the expected and the actual shape.
        /// </summary>
        /// <exception cref="ModelFileException">The file is missing, unreadable, or does not match the model.</exception>
        public static void ImportPyTorch<TBatch>(this IMultiTaskNetwork<TBatch> model, string path)
        {
            ArgumentNullException.ThrowIfNull(model);
            ArgumentException.ThrowIfNullOrEmpty(path);
            var module = (nn.Module)model;
            string fullPath = Path.GetFullPath(path);
            using var scope = torch.NewDisposeScope();
            var stored = StateDictFile.Read(fullPath);
            var expected = module.state_dict();
            List<string> problems = Mismatches(expected, stored);
            if (problems.Count > 0)
            {
                throw new ModelFileException(fullPath, $"Cannot import '{fullPath}' into {module.GetType().FullName}: {string.Join("; ", problems)}. Nothing was copied.");
            }

            using var noGrad = torch.no_grad();
            foreach (var (key, target) in expected)
            {
                target.copy_(stored[key]);
            }
        }

        /// <summary>
        /// Writes <paramref name="tensors"/> to the safetensors file <paramref name="path"/> in their order (for example the data
        /// eng/pytorch/train_ddp.py trains on: <c>input</c>, <c>target.&lt;Task&gt;</c>, <c>mask.&lt;Task&gt;</c>).
        /// </summary>
        public static void SaveSafetensors(string path, params IReadOnlyList<(string Key, Tensor Tensor)> tensors)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            ArgumentNullException.ThrowIfNull(tensors);
            using var file = File.Create(path);
            Safetensors.Write(file, tensors, new Dictionary<string, string> { ["format"] = "pt" });
        }

        /// <summary>Every tensor of the safetensors file at <paramref name="path"/>, on the CPU, by key.</summary>
        /// <exception cref="ModelFileException">The file is missing, truncated or not a safetensors file.</exception>
        public static Dictionary<string, Tensor> LoadSafetensors(string path)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            string fullPath = Path.GetFullPath(path);
            return Safetensors.Read(fullPath, StateDictFile.ReadAll(fullPath)).ToDictionary(t => t.Key, t => t.Tensor, StringComparer.Ordinal);
        }

        private static List<string> Mismatches(Dictionary<string, Tensor> expected, Dictionary<string, Tensor> stored)
        {
            static string Describe(Tensor t) => $"[{string.Join(", ", t.shape)}] {t.dtype}";
            var problems = new List<string>();
            foreach (var (key, target) in expected)
            {
                if (!stored.TryGetValue(key, out Tensor? actual))
                {
                    problems.Add($"'{key}' ({Describe(target)}) is missing from the file");
                }
                else if (!actual.shape.SequenceEqual(target.shape) || actual.dtype != target.dtype)
                {
                    problems.Add($"'{key}': the model expects {Describe(target)}, the file holds {Describe(actual)}");
                }
            }

            problems.AddRange(stored.Where(e => !expected.ContainsKey(e.Key)).Select(e => $"'{e.Key}' ({Describe(e.Value)}) is in the file but not in the model"));
            return problems;
        }

        private static byte[] Manifest(ExportedModel model, IReadOnlyList<(string Key, Tensor Tensor)> state)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                json.WriteStartObject();
                json.WriteString("model", model.ModelType.FullName);
                json.WriteString("pythonClass", model.ClassName);
                json.WriteNumber("inputSize", model.InputSize);
                json.WriteBoolean("inputPerTask", model.InputPerTask);
                json.WriteString("lossWeighting", model.Weighting);
                WriteOptional(json, "softSharingLambda", model.SoftSharingLambda);
                WriteOptional(json, "reconstructionWeight", model.ReconstructionWeight);
                json.WriteStartArray("tasks");
                foreach (TaskDefinition task in model.Tasks)
                {
                    json.WriteStartObject();
                    json.WriteString("name", task.Name);
                    json.WriteString("kind", Architecture.KindOf(task));
                    json.WriteNumber("weight", task.Weight);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("outputs");
                model.Outputs.ToList().ForEach(json.WriteStringValue);
                json.WriteEndArray();
                json.WriteStartArray("userModules");
                foreach (var component in model.Components.Where(c => c.UserType is not null))
                {
                    json.WriteStartObject();
                    json.WriteString("field", component.Field);
                    json.WriteString("type", component.UserType);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("tensors");
                foreach (var (key, tensor) in state)
                {
                    json.WriteStartObject();
                    json.WriteString("key", key);
                    json.WriteString("dtype", tensor.dtype.ToString());
                    json.WriteStartArray("shape");
                    tensor.shape.ToList().ForEach(json.WriteNumberValue);
                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            return buffer.ToArray();
        }

        private static void WriteOptional(Utf8JsonWriter json, string name, double? value)
        {
            if (value is { } v)
            {
                json.WriteNumber(name, v);
            }
            else
            {
                json.WriteNull(name);
            }
        }
    }
}
