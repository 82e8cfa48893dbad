using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using TorchSharp;

namespace MultiTask
{
    /// <summary>One state-dict entry as a model file records it.</summary>
    /// <param name="Key">The state-dict key, e.g. <c>shared.layers.0.weight</c>.</param>
    /// <param name="DType">The element type's name, e.g. <c>Float32</c>.</param>
    /// <param name="Shape">The tensor's shape.</param>
    internal sealed record TensorEntry(string Key, string DType, long[] Shape)
    {
        public string ShapeText => "[" + string.Join(", ", Shape) + "]";

        public string Describe() => $"{ShapeText} {DType}";
    }

    /// <summary>
    /// What a model file says about the model it was saved from: the type, the tasks with their kinds, the components with their
    /// parameter counts and every state-dict entry; the fingerprint is a SHA-256 over all of it but the components.
    /// </summary>
    internal sealed record Architecture(string Model, IReadOnlyList<(string Name, string Kind)> Tasks, IReadOnlyList<(string Name, long Parameters)> Components, IReadOnlyList<TensorEntry> Tensors)
    {
        /// <summary>The architecture of <paramref name="model"/> with <paramref name="tasks"/>.</summary>
        public static Architecture Of(torch.nn.Module model, IReadOnlyList<TaskDefinition> tasks)
        {
            var entries = model.state_dict().Select(p => new TensorEntry(p.Key, p.Value.dtype.ToString(), p.Value.shape)).ToList();
            var components = model.named_children().Select(c => (c.name, c.module.parameters().Sum(p => p.numel()))).ToList();
            return new Architecture(model.GetType().FullName ?? model.GetType().Name, tasks.Select(t => (t.Name, KindOf(t))).ToList(), components, entries);
        }

        /// <summary><c>classification</c> for a <see cref="ClassificationTask"/>, and so on.</summary>
        public static string KindOf(TaskDefinition task)
        {
            string name = task.GetType().Name;
            return (name.EndsWith("Task", StringComparison.Ordinal) ? name[..^"Task".Length] : name).ToLowerInvariant();
        }

        /// <summary>Hex SHA-256 over the model type, the tasks with their kinds and every entry's key, dtype and shape.</summary>
        public string Fingerprint()
        {
            var text = new StringBuilder();
            text.Append("model ").Append(Model).Append('\n');
            foreach (var (name, kind) in Tasks)
            {
                text.Append("task ").Append(name).Append(' ').Append(kind).Append('\n');
            }

            foreach (TensorEntry entry in Tensors)
            {
                text.Append("tensor ").Append(entry.Key).Append(' ').Append(entry.DType).Append(' ').Append(entry.ShapeText).Append('\n');
            }

            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        }

        /// <summary>The tasks as a message names them: <c>Digit (classification), IsEven (binary)</c>.</summary>
        public string TaskList() => string.Join(", ", Tasks.Select(t => $"{t.Name} ({t.Kind})"));

        /// <summary>
        /// Every difference between the entries of a <paramref name="saved"/> file and this model's, one line each: a shape or
        /// dtype that differs, an entry the file lacks, an entry the model lacks.
        /// </summary>
        public List<string> TensorMismatches(Architecture saved)
        {
            var stored = saved.Tensors.ToDictionary(t => t.Key, StringComparer.Ordinal);
            var problems = new List<string>();
            foreach (TensorEntry expected in Tensors)
            {
                if (!stored.Remove(expected.Key, out TensorEntry? actual))
                {
                    problems.Add($"'{expected.Key}' ({expected.Describe()}) is missing from the file");
                }
                else if (!actual.Shape.SequenceEqual(expected.Shape) || actual.DType != expected.DType)
                {
                    problems.Add($"'{expected.Key}': this model expects {expected.Describe()}, the file holds {actual.Describe()}");
                }
            }

            problems.AddRange(saved.Tensors.Where(t => stored.ContainsKey(t.Key)).Select(t => $"'{t.Key}' ({t.Describe()}) is in the file but not in this model"));
            return problems;
        }
    }
}
