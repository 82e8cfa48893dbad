using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// Writes and reads a checkpoint: the model file's layout (<see cref="ModelFileLayout"/>) with the magic <c>MTLCHKPT</c>, a
    /// <see cref="CheckpointHeader"/>, and the tensors of every section in the header's order. Writing is atomic (a temporary
    /// file renamed over the target); reading checks the whole file before anything is handed out.
    /// </summary>
    internal static class CheckpointFile
    {
        public static void Write(string path, CheckpointHeader header, IReadOnlyList<(string Name, TrainingState State)> sections)
        {
            var tensors = new List<Tensor>();
            var entries = new List<CheckpointSection>();
            foreach (var (name, state) in sections)
            {
                var stored = new List<StoredTensor>();
                foreach (var key in state.Names)
                {
                    var tensor = state.Get(key);
                    tensors.Add(tensor);
                    stored.Add(new StoredTensor(key, tensor.dtype.ToString(), tensor.shape, tensor.numel() * tensor.ElementSize));
                }

                entries.Add(new CheckpointSection(name, stored));
            }

            ModelFileWriter.Write(FileKind.Checkpoint, (header with { Sections = entries }).ToUtf8(), tensors, path);
        }

        /// <summary>The checkpoint at <paramref name="path"/> (a full path), checked for integrity, with every section's tensors on the host; the caller disposes the states.</summary>
        /// <exception cref="ModelFileException">The file is missing, truncated or corrupt.</exception>
        public static (CheckpointHeader Header, Dictionary<string, TrainingState> Sections) Read(string path)
        {
            var stored = StoredFile<CheckpointHeader>.Read(path, FileKind.Checkpoint, bytes =>
            {
                var parsed = CheckpointHeader.Parse(bytes);
                return (parsed, parsed.ByteLengths(), parsed.Model);
            });
            var header = stored.Header;
            var sections = new Dictionary<string, TrainingState>(StringComparer.Ordinal);
            try
            {
                var index = 0;
                foreach (var section in header.Sections)
                {
                    var state = new TrainingState();
                    sections[section.Name] = state;
                    foreach (var entry in section.Tensors)
                    {
                        state.Put(entry.Key, ToTensor(path, header.Model, section.Name, entry, stored.Bytes(index++)));
                    }
                }

                return (header, sections);
            }
            catch
            {
                Dispose(sections);
                throw;
            }
        }

        public static void Dispose(Dictionary<string, TrainingState> sections)
        {
            foreach (var state in sections.Values)
            {
                state.Dispose();
            }
        }

        private static Tensor ToTensor(string path, string savedFrom, string section, StoredTensor entry, ReadOnlySpan<byte> bytes)
        {
            if (!Enum.TryParse<ScalarType>(entry.DType, out var dtype) || entry.Shape.Any(size => size < 0))
            {
                throw new ModelFileException(path, $"The checkpoint '{path}' is corrupt: '{section}/{entry.Key}' is {entry.DType} [{string.Join(", ", entry.Shape)}] (saved from {savedFrom}).", savedFrom);
            }

            var tensor = torch.empty(entry.Shape, dtype, torch.CPU).DetachFromDisposeScope();
            if (tensor.numel() * tensor.ElementSize != bytes.Length)
            {
                tensor.Dispose();
                throw new ModelFileException(path, $"The checkpoint '{path}' is corrupt: '{section}/{entry.Key}' has {bytes.Length} bytes, [{string.Join(", ", entry.Shape)}] {entry.DType} needs {tensor.numel() * tensor.ElementSize} (saved from {savedFrom}).", savedFrom);
            }

            bytes.CopyTo(tensor.bytes);
            return tensor;
        }
    }
}
