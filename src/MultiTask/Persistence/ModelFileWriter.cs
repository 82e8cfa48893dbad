using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// Writes a model file (or a checkpoint, in the same layout) to a temporary file beside the target, flushes it to disk,
    /// then renames it over the target.
    /// </summary>
    internal static class ModelFileWriter
    {
        public static void Write(nn.Module model, Architecture architecture, string path)
        {
            var state = model.state_dict();
            var tensors = architecture.Tensors.Select(t => state[t.Key]).ToList();
            var lengths = tensors.Select(t => t.numel() * t.ElementSize).ToList();
            byte[] header = new ModelFileHeader(architecture, architecture.Fingerprint(), lengths).ToUtf8();
            Write(FileKind.Model, header, tensors, path);
        }

        /// <summary>Writes <paramref name="header"/> and the raw bytes of <paramref name="tensors"/>, in order, as a file of <paramref name="kind"/>.</summary>
        public static void Write(FileKind kind, byte[] header, IReadOnlyList<Tensor> tensors, string path)
        {
            string folder = Path.GetDirectoryName(path)!;
            if (!Directory.Exists(folder))
            {
                throw new ModelFileException(path, $"Cannot save {kind.Contents} to '{path}': the folder '{folder}' does not exist.");
            }

            string temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
            try
            {
                using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    WriteContents(file, kind, header, tensors);
                    file.Flush(flushToDisk: true);
                }

                File.Move(temporary, path, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ModelFileException(path, $"Cannot save {kind.Contents} to '{path}': {e.Message}", innerException: e);
            }
            finally
            {
                File.Delete(temporary);
            }
        }

        private static void WriteContents(Stream file, FileKind kind, byte[] header, IReadOnlyList<Tensor> tensors)
        {
            using var checksum = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            void Append(ReadOnlySpan<byte> bytes)
            {
                file.Write(bytes);
                checksum.AppendData(bytes);
            }

            Span<byte> prefix = stackalloc byte[ModelFileLayout.PrefixLength];
            kind.MagicBytes.CopyTo(prefix);
            BinaryPrimitives.WriteInt32LittleEndian(prefix[8..], kind.FormatVersion);
            BinaryPrimitives.WriteInt32LittleEndian(prefix[12..], header.Length);
            Append(prefix);
            Append(header);
            Append(SHA256.HashData(header));
            using (torch.no_grad())
            {
                foreach (Tensor tensor in tensors)
                {
                    // A contiguous copy on the host: the parameter may live on another device or be a strided view.
                    using var host = torch.empty(tensor.shape, tensor.dtype, torch.CPU);
                    host.copy_(tensor);
                    Append(host.bytes);
                }
            }

            file.Write(checksum.GetHashAndReset());
        }
    }
}
