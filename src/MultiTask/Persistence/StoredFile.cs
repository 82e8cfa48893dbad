using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;

namespace MultiTask
{
    /// <summary>
    /// A file in the model file's layout (a model file or a checkpoint) read whole and checked for integrity (magic, format
    /// version, lengths, checksum), not yet against a model.
    /// </summary>
    /// <typeparam name="THeader">The parsed JSON header.</typeparam>
    internal sealed class StoredFile<THeader>
    {
        private readonly byte[] contents;
        private readonly long[] offsets;
        private readonly IReadOnlyList<long> lengths;

        private StoredFile(THeader header, byte[] contents, long[] offsets, IReadOnlyList<long> lengths)
        {
            Header = header;
            this.contents = contents;
            this.offsets = offsets;
            this.lengths = lengths;
        }

        public THeader Header { get; }

        /// <summary>The raw bytes of the tensor at <paramref name="index"/> in the header's order.</summary>
        public ReadOnlySpan<byte> Bytes(int index) => contents.AsSpan((int)offsets[index], (int)lengths[index]);

        /// <summary>
        /// Reads and checks the file of <paramref name="kind"/> at <paramref name="path"/>; throws <see cref="ModelFileException"/>
        /// naming it. <paramref name="parse"/> reads the header (throwing <see cref="JsonException"/>, <see cref="KeyNotFoundException"/>,
        /// <see cref="InvalidOperationException"/> or <see cref="FormatException"/> on a malformed one) and gives the tensors'
        /// byte lengths and the model the file was saved from.
        /// </summary>
        public static StoredFile<THeader> Read(string path, FileKind kind, Func<byte[], (THeader Header, IReadOnlyList<long> Lengths, string SavedFrom)> parse)
        {
            byte[] contents;
            try
            {
                contents = File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ModelFileException(path, $"Cannot read the {kind.Noun} '{path}': {e.Message}", innerException: e);
            }

            ModelFileException Corrupt(string why, string? savedFrom = null)
                => new(path, $"The {kind.Noun} '{path}' is corrupt: {why}{SavedFrom(savedFrom)}.", savedFrom);
            ModelFileException Truncated(long expected, string? savedFrom = null)
                => new(path, $"The {kind.Noun} '{path}' is truncated: {contents.Length} bytes, at least {expected} expected{SavedFrom(savedFrom)}.", savedFrom);

            ReadOnlySpan<byte> magic = kind.MagicBytes;
            int compared = Math.Min(contents.Length, magic.Length);
            if (!contents.AsSpan(0, compared).SequenceEqual(magic[..compared]))
            {
                throw new ModelFileException(path, $"'{path}' is not a MultiTask {kind.Noun} (it does not start with '{kind.Magic}').");
            }

            if (contents.Length < ModelFileLayout.PrefixLength)
            {
                throw Truncated(ModelFileLayout.PrefixLength);
            }

            int version = BinaryPrimitives.ReadInt32LittleEndian(contents.AsSpan(8));
            if (version != kind.FormatVersion)
            {
                throw new ModelFileException(path, $"The {kind.Noun} '{path}' has format version {version}; this library reads version {kind.FormatVersion}.");
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

            THeader header;
            IReadOnlyList<long> lengths;
            string savedFrom;
            try
            {
                (header, lengths, savedFrom) = parse(headerBytes);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw Corrupt($"its header is not valid ({e.Message})");
            }

            if (lengths.Any(n => n < 0 || n > contents.Length))
            {
                throw Corrupt("its header lists impossible tensor lengths", savedFrom);
            }

            long expectedLength = tensorsStart + lengths.Sum() + ModelFileLayout.ChecksumLength;
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

            var offsets = new long[lengths.Count];
            long offset = tensorsStart;
            for (int i = 0; i < offsets.Length; i++)
            {
                offsets[i] = offset;
                offset += lengths[i];
            }

            return new StoredFile<THeader>(header, contents, offsets, lengths);
        }

        private static string SavedFrom(string? model) => model is null ? string.Empty : $" (saved from {model})";
    }

    /// <summary>Reads the runtime's files of each kind.</summary>
    internal static class StoredFile
    {
        /// <summary>The model file at <paramref name="path"/>, checked for integrity.</summary>
        public static StoredFile<ModelFileHeader> ReadModel(string path)
            => StoredFile<ModelFileHeader>.Read(path, FileKind.Model, bytes =>
            {
                var header = ModelFileHeader.Parse(bytes);
                return (header, header.ByteLengths, header.Architecture.Model);
            });
    }
}
