using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;

namespace MultiTask
{
    /// <summary>A model file read whole and checked for integrity (magic, format version, lengths, checksum), not yet against a model.</summary>
    internal sealed class StoredModel
    {
        private readonly byte[] contents;
        private readonly long[] offsets;

        private StoredModel(ModelFileHeader header, byte[] contents, long[] offsets)
        {
            Header = header;
            this.contents = contents;
            this.offsets = offsets;
        }

        public ModelFileHeader Header { get; }

        /// <summary>The raw bytes of the tensor at <paramref name="index"/> in the header's order.</summary>
        public ReadOnlySpan<byte> Bytes(int index) => contents.AsSpan((int)offsets[index], (int)Header.ByteLengths[index]);

        /// <summary>Reads and checks the file at <paramref name="path"/>; throws <see cref="ModelFileException"/> naming it.</summary>
        public static StoredModel Read(string path)
        {
            byte[] contents;
            try
            {
                contents = File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ModelFileException(path, $"Cannot read the model file '{path}': {e.Message}", innerException: e);
            }

            ModelFileException Corrupt(string why, string? savedFrom = null)
                => new(path, $"The model file '{path}' is corrupt: {why}{SavedFrom(savedFrom)}.", savedFrom);
            ModelFileException Truncated(long expected, string? savedFrom = null)
                => new(path, $"The model file '{path}' is truncated: {contents.Length} bytes, at least {expected} expected{SavedFrom(savedFrom)}.", savedFrom);

            ReadOnlySpan<byte> magic = ModelFileLayout.Magic;
            int compared = Math.Min(contents.Length, magic.Length);
            if (!contents.AsSpan(0, compared).SequenceEqual(magic[..compared]))
            {
                throw new ModelFileException(path, $"'{path}' is not a MultiTask model file (it does not start with 'MTLMODEL').");
            }

            if (contents.Length < ModelFileLayout.PrefixLength)
            {
                throw Truncated(ModelFileLayout.PrefixLength);
            }

            int version = BinaryPrimitives.ReadInt32LittleEndian(contents.AsSpan(8));
            if (version != ModelFileLayout.FormatVersion)
            {
                throw new ModelFileException(path, $"The model file '{path}' has format version {version}; this library reads version {ModelFileLayout.FormatVersion}.");
            }

            int headerLength = BinaryPrimitives.ReadInt32LittleEndian(contents.AsSpan(12));
            long headerEnd = (long)ModelFileLayout.PrefixLength + headerLength;
            if (headerLength <= 0)
            {
                throw Corrupt($"a header length of {headerLength}");
            }

            long tensorsStart = headerEnd + ModelFileLayout.ChecksumLength;
            if (tensorsStart + ModelFileLayout.ChecksumLength > contents.Length)
            {
                throw Truncated(tensorsStart + ModelFileLayout.ChecksumLength);
            }

            // The header has a checksum of its own, so that a damaged header is told apart from a file cut short.
            byte[] headerBytes = contents[ModelFileLayout.PrefixLength..(int)headerEnd];
            if (!SHA256.HashData(headerBytes).AsSpan().SequenceEqual(contents.AsSpan((int)headerEnd, ModelFileLayout.ChecksumLength)))
            {
                throw Corrupt("its header's checksum does not match the header");
            }

            ModelFileHeader header;
            try
            {
                header = ModelFileHeader.Parse(headerBytes);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw Corrupt($"its header is not valid ({e.Message})");
            }

            string savedFrom = header.Architecture.Model;
            if (header.ByteLengths.Any(n => n < 0 || n > contents.Length))
            {
                throw Corrupt("its header lists impossible tensor lengths", savedFrom);
            }

            long expectedLength = tensorsStart + header.ByteLengths.Sum() + ModelFileLayout.ChecksumLength;
            if (contents.Length < expectedLength)
            {
                throw Truncated(expectedLength, savedFrom);
            }

            if (contents.Length > expectedLength)
            {
                throw Corrupt($"{contents.Length - expectedLength} bytes follow the checksum", savedFrom);
            }

            int checkedLength = contents.Length - ModelFileLayout.ChecksumLength;
            if (!SHA256.HashData(contents.AsSpan(0, checkedLength)).AsSpan().SequenceEqual(contents.AsSpan(checkedLength)))
            {
                throw Corrupt("its checksum does not match its contents", savedFrom);
            }

            var offsets = new long[header.ByteLengths.Count];
            long offset = tensorsStart;
            for (int i = 0; i < offsets.Length; i++)
            {
                offsets[i] = offset;
                offset += header.ByteLengths[i];
            }

            return new StoredModel(header, contents, offsets);
        }

        private static string SavedFrom(string? model) => model is null ? string.Empty : $" (saved from {model})";
    }
}
