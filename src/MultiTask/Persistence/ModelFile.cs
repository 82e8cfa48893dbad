using System;
using System.Collections.Generic;
using System.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// Saves a model's state dict with a description of its architecture, and loads it back all-or-nothing (docs/persistence.md).
    /// Generated models call it from <c>model.Save(path)</c> and <c>Model.Load(path)</c>.
    /// </summary>
    public static class ModelFile
    {
        /// <summary>
        /// Writes every state-dict tensor of <paramref name="model"/> (the loss weighting's parameters too), the format version,
        /// the architecture's fingerprint and a readable JSON description of <paramref name="tasks"/>, the components and every
        /// tensor's shape to <paramref name="path"/>. The file is written beside the target and renamed over it, so the target is
        /// either the previous file or the whole new one.
        /// </summary>
        /// <exception cref="ModelFileException">The folder does not exist or the file cannot be written.</exception>
        public static void Save(nn.Module model, IReadOnlyList<TaskDefinition> tasks, string path)
        {
            ArgumentNullException.ThrowIfNull(model);
            ArgumentNullException.ThrowIfNull(tasks);
            ArgumentException.ThrowIfNullOrEmpty(path);
            RequireLittleEndian();
            using var scope = torch.NewDisposeScope();
            ModelFileWriter.Write(model, Architecture.Of(model, tasks), Path.GetFullPath(path));
        }

        /// <summary>
        /// Copies the weights saved at <paramref name="path"/> into <paramref name="model"/> and returns it. The whole file is
        /// read and checked first (format version, checksum, every key, shape and dtype, then the fingerprint of the type and
        /// tasks); on any mismatch <paramref name="model"/> is disposed and nothing was copied.
        /// </summary>
        /// <exception cref="ModelFileException">The file is missing, truncated, corrupt, or of another architecture.</exception>
        public static TModel Load<TModel>(TModel model, IReadOnlyList<TaskDefinition> tasks, string path)
            where TModel : nn.Module
        {
            ArgumentNullException.ThrowIfNull(model);
            try
            {
                LoadInto(model, tasks, path);
                return model;
            }
            catch
            {
                model.Dispose();
                throw;
            }
        }

        /// <summary>
        /// Copies the weights saved at <paramref name="path"/> into an existing <paramref name="model"/>, after the checks of
        /// <see cref="Load{TModel}"/>; when one fails, the model's weights are as they were.
        /// </summary>
        /// <exception cref="ModelFileException">The file is missing, truncated, corrupt, or of another architecture.</exception>
        public static void LoadInto(nn.Module model, IReadOnlyList<TaskDefinition> tasks, string path)
        {
            ArgumentNullException.ThrowIfNull(model);
            ArgumentNullException.ThrowIfNull(tasks);
            ArgumentException.ThrowIfNullOrEmpty(path);
            RequireLittleEndian();
            string fullPath = Path.GetFullPath(path);
            using var scope = torch.NewDisposeScope();
            var stored = StoredFile.ReadModel(fullPath);
            Architecture saved = stored.Header.Architecture;
            Architecture expected = Architecture.Of(model, tasks);
            List<string> mismatches = expected.TensorMismatches(saved);
            if (mismatches.Count > 0)
            {
                throw new ModelFileException(fullPath, $"Cannot load '{fullPath}' into {expected.Model}: the file was saved from {saved.Model} (tasks {saved.TaskList()}), whose weights differ: {string.Join("; ", mismatches)}.", saved.Model);
            }

            if (stored.Header.Fingerprint != expected.Fingerprint())
            {
                throw new ModelFileException(fullPath, $"Cannot load '{fullPath}' into {expected.Model} (tasks {expected.TaskList()}): the file was saved from {saved.Model} (tasks {saved.TaskList()}), a different declaration with weights of the same shapes.", saved.Model);
            }

            var state = model.state_dict();
            for (int i = 0; i < saved.Tensors.Count; i++)
            {
                Tensor target = state[saved.Tensors[i].Key];
                if (stored.Header.ByteLengths[i] != target.numel() * target.ElementSize)
                {
                    throw new ModelFileException(fullPath, $"The model file '{fullPath}' is corrupt: '{saved.Tensors[i].Key}' has {stored.Header.ByteLengths[i]} bytes, {saved.Tensors[i].Describe()} needs {target.numel() * target.ElementSize}.", saved.Model);
                }
            }

            using var noGrad = torch.no_grad();
            for (int i = 0; i < saved.Tensors.Count; i++)
            {
                Tensor target = state[saved.Tensors[i].Key];
                using var host = torch.empty(target.shape, target.dtype, torch.CPU);
                stored.Bytes(i).CopyTo(host.bytes);
                target.copy_(host);
            }
        }

        /// <summary>The JSON description at the start of the model file at <paramref name="path"/>, indented, after the file's checks.</summary>
        /// <exception cref="ModelFileException">The file is missing, truncated or corrupt.</exception>
        public static string Describe(string path)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            return System.Text.Encoding.UTF8.GetString(StoredFile.ReadModel(Path.GetFullPath(path)).Header.ToUtf8(indented: true));
        }

        // The tensors' bytes are written as the machine holds them; the format says little-endian.
        private static void RequireLittleEndian()
        {
            if (!BitConverter.IsLittleEndian)
            {
                throw new PlatformNotSupportedException("Model files are little-endian; this machine is big-endian.");
            }
        }
    }
}
