using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// The safetensors format (huggingface/safetensors): an unsigned 64-bit little-endian header length, a UTF-8 JSON header
    /// <c>{"key": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, "__metadata__": {..}}</c> padded with spaces
    /// to a multiple of 8 bytes, then the tensors' raw little-endian bytes, offsets counted from the end of the header.
    /// </summary>
    internal static class Safetensors
    {
        private static readonly (ScalarType Type, string Name)[] DTypes =
        [
            (ScalarType.Float64, "F64"), (ScalarType.Float32, "F32"), (ScalarType.Float16, "F16"), (ScalarType.BFloat16, "BF16"),
            (ScalarType.Int64, "I64"), (ScalarType.Int32, "I32"), (ScalarType.Int16, "I16"), (ScalarType.Int8, "I8"),
            (ScalarType.Byte, "U8"), (ScalarType.Bool, "BOOL"),
        ];

        /// <summary>Writes <paramref name="tensors"/> in their order, with <paramref name="metadata"/> as the header's <c>__metadata__</c>.</summary>
        public static void Write(Stream stream, IReadOnlyList<(string Key, Tensor Tensor)> tensors, IReadOnlyDictionary<string, string> metadata)
        {
            var contents = new List<byte[]>(tensors.Count);
            using var header = new MemoryStream();
            using (var json = new Utf8JsonWriter(header))
            {
                json.WriteStartObject();
                json.WriteStartObject("__metadata__");
                foreach (var (key, value) in metadata)
                {
                    json.WriteString(key, value);
                }

                json.WriteEndObject();
                long offset = 0;
                using (torch.no_grad())
                {
                    foreach (var (key, tensor) in tensors)
                    {
                        // A contiguous copy on the host: the tensor may live on another device or be a strided view.
                        using var host = torch.empty(tensor.shape, tensor.dtype, torch.CPU);
                        host.copy_(tensor);
                        byte[] bytes = host.bytes.ToArray();
                        contents.Add(bytes);
                        json.WriteStartObject(key);
                        json.WriteString("dtype", NameOf(tensor.dtype, key));
                        json.WriteStartArray("shape");
                        foreach (long size in tensor.shape)
                        {
                            json.WriteNumberValue(size);
                        }

                        json.WriteEndArray();
                        json.WriteStartArray("data_offsets");
                        json.WriteNumberValue(offset);
                        json.WriteNumberValue(offset + bytes.Length);
                        json.WriteEndArray();
                        json.WriteEndObject();
                        offset += bytes.Length;
                    }
                }

                json.WriteEndObject();
            }

            while (header.Length % 8 != 0)
            {
                header.WriteByte((byte)' ');
            }

            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
            stream.Write(length);
            header.WriteTo(stream);
            foreach (byte[] bytes in contents)
            {
                stream.Write(bytes);
            }
        }

        /// <summary>
        /// Every tensor of the safetensors file <paramref name="contents"/> (read from <paramref name="path"/>), on the host, in the
        /// header's order; throws <see cref="ModelFileException"/> naming the file when it is truncated or its header is not valid.
        /// </summary>
        public static List<(string Key, Tensor Tensor)> Read(string path, byte[] contents)
        {
            ModelFileException Invalid(string why) => new(path, $"'{path}' is not a valid safetensors file: {why}.");
            if (contents.Length < 8)
            {
                throw Invalid($"it has {contents.Length} bytes, fewer than the 8 of the header length");
            }

            ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(contents);
            if (headerLength > (ulong)(contents.Length - 8))
            {
                throw Invalid($"its header length is {headerLength} bytes but only {contents.Length - 8} bytes follow (truncated?)");
            }

            long dataStart = 8 + (long)headerLength;
            long dataLength = contents.Length - dataStart;
            var tensors = new List<(string Key, Tensor Tensor)>();
            try
            {
                using var document = JsonDocument.Parse(contents.AsMemory(8, (int)headerLength));
                foreach (JsonProperty entry in document.RootElement.EnumerateObject())
                {
                    if (entry.Name == "__metadata__")
                    {
                        continue;
                    }

                    string dtypeName = entry.Value.GetProperty("dtype").GetString()!;
                    int known = Array.FindIndex(DTypes, d => d.Name == dtypeName);
                    if (known < 0)
                    {
                        throw Invalid($"'{entry.Name}' has the dtype '{dtypeName}', which this library does not read");
                    }

                    ScalarType dtype = DTypes[known].Type;
                    long[] shape = entry.Value.GetProperty("shape").EnumerateArray().Select(s => s.GetInt64()).ToArray();
                    long[] offsets = entry.Value.GetProperty("data_offsets").EnumerateArray().Select(s => s.GetInt64()).ToArray();
                    var tensor = torch.empty(shape, dtype, torch.CPU);
                    long expected = tensor.numel() * tensor.ElementSize;
                    if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] > dataLength || offsets[1] - offsets[0] != expected)
                    {
                        tensor.Dispose();
                        throw Invalid(offsets.Length == 2 && offsets[1] > dataLength
                            ? $"'{entry.Name}' ends at byte {offsets[1]} of the data, which has {dataLength} bytes (truncated?)"
                            : $"'{entry.Name}' [{string.Join(", ", shape)}] {dtypeName} needs {expected} bytes, its offsets [{string.Join(", ", offsets)}] do not match");
                    }

                    contents.AsSpan((int)(dataStart + offsets[0]), (int)expected).CopyTo(tensor.bytes);
                    tensors.Add((entry.Name, tensor));
                }
            }
            catch (Exception e)
            {
                foreach (var (_, tensor) in tensors)
                {
                    tensor.Dispose();
                }

                if (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
                {
                    throw Invalid($"its header is not valid ({e.Message})");
                }

                throw;
            }

            return tensors;
        }

        private static string NameOf(ScalarType type, string key)
            => DTypes.FirstOrDefault(d => d.Type == type).Name ?? throw new NotSupportedException($"'{key}' is {type}, which safetensors cannot hold.");
    }
}
