using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace MultiTask
{
    /// <summary>
    /// The readable JSON header of a model file: <c>{"model", "fingerprint", "tasks": [{"name", "kind"}], "components": [{"name",
    /// "parameters"}], "tensors": [{"key", "dtype", "shape", "bytes"}]}</c>; the tensors' bytes follow in the same order.
    /// </summary>
    /// <param name="Architecture">The model the file was saved from.</param>
    /// <param name="Fingerprint">The architecture's fingerprint when it was saved.</param>
    /// <param name="ByteLengths">The length in bytes of each tensor, in the order of <see cref="Architecture.Tensors"/>.</param>
    internal sealed record ModelFileHeader(Architecture Architecture, string Fingerprint, IReadOnlyList<long> ByteLengths)
    {
        /// <summary>The header as UTF-8 JSON: on one line in the file, <paramref name="indented"/> for <see cref="ModelFile.Describe"/>.</summary>
        public byte[] ToUtf8(bool indented = false)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
            {
                json.WriteStartObject();
                json.WriteString("model", Architecture.Model);
                json.WriteString("fingerprint", Fingerprint);
                json.WriteStartArray("tasks");
                foreach (var (name, kind) in Architecture.Tasks)
                {
                    json.WriteStartObject();
                    json.WriteString("name", name);
                    json.WriteString("kind", kind);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("components");
                foreach (var (name, parameters) in Architecture.Components)
                {
                    json.WriteStartObject();
                    json.WriteString("name", name);
                    json.WriteNumber("parameters", parameters);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("tensors");
                for (int i = 0; i < Architecture.Tensors.Count; i++)
                {
                    TensorEntry entry = Architecture.Tensors[i];
                    json.WriteStartObject();
                    json.WriteString("key", entry.Key);
                    json.WriteString("dtype", entry.DType);
                    json.WriteStartArray("shape");
                    foreach (long size in entry.Shape)
                    {
                        json.WriteNumberValue(size);
                    }

                    json.WriteEndArray();
                    json.WriteNumber("bytes", ByteLengths[i]);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            return buffer.ToArray();
        }

        /// <summary>The header in <paramref name="utf8"/>; throws <see cref="JsonException"/>, <see cref="KeyNotFoundException"/> or <see cref="System.InvalidOperationException"/> on a malformed one.</summary>
        public static ModelFileHeader Parse(byte[] utf8)
        {
            using var document = JsonDocument.Parse(utf8);
            JsonElement root = document.RootElement;
            var tasks = root.GetProperty("tasks").EnumerateArray()
                .Select(t => (t.GetProperty("name").GetString()!, t.GetProperty("kind").GetString()!)).ToList();
            var components = root.GetProperty("components").EnumerateArray()
                .Select(c => (c.GetProperty("name").GetString()!, c.GetProperty("parameters").GetInt64())).ToList();
            var tensors = root.GetProperty("tensors").EnumerateArray().ToList();
            var entries = tensors.Select(t => new TensorEntry(
                t.GetProperty("key").GetString()!,
                t.GetProperty("dtype").GetString()!,
                t.GetProperty("shape").EnumerateArray().Select(s => s.GetInt64()).ToArray())).ToList();
            var architecture = new Architecture(root.GetProperty("model").GetString()!, tasks, components, entries);
            return new ModelFileHeader(architecture, root.GetProperty("fingerprint").GetString()!, tensors.Select(t => t.GetProperty("bytes").GetInt64()).ToList());
        }
    }
}
