using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>A PyTorch state dict read whole from a safetensors file or a <c>torch.save</c> zip file, as host tensors by key.</summary>
    internal static class StateDictFile
    {
        private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];

        /// <summary>The tensors at <paramref name="path"/>; throws <see cref="ModelFileException"/> naming the file when it cannot be read.</summary>
        public static Dictionary<string, Tensor> Read(string path)
        {
            byte[] contents = ReadAll(path);
            if (contents.AsSpan().StartsWith(ZipMagic))
            {
                return Unpickle(path, contents);
            }

            var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            foreach (var (key, tensor) in Safetensors.Read(path, contents))
            {
                tensors[key] = tensor;
            }

            return tensors;
        }

        /// <summary>The bytes of the file at <paramref name="path"/>; throws <see cref="ModelFileException"/> naming it.</summary>
        public static byte[] ReadAll(string path)
        {
            try
            {
                return File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ModelFileException(path, $"Cannot read the state dict '{path}': {e.Message}", innerException: e);
            }
        }

        private static Dictionary<string, Tensor> Unpickle(string path, byte[] contents)
        {
            Hashtable table;
            try
            {
                table = PyTorchUnpickler.UnpickleStateDict(new MemoryStream(contents));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new ModelFileException(path, $"Cannot read '{path}' as a state dict saved by torch.save: {e.Message}", innerException: e);
            }

            var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            foreach (DictionaryEntry entry in table)
            {
                if (entry.Key is not string key || entry.Value is not Tensor tensor)
                {
                    throw new ModelFileException(path, $"'{path}' holds '{entry.Key}', which is not a tensor; save the model's state_dict() only.");
                }

                tensors[key] = tensor;
            }

            return tensors;
        }
    }
}
