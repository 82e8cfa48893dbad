using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace MultiTask.Tests
{
    /// <summary>
    /// Reads a TensorBoard event file independently of TorchSharp: TFRecord framing (a uint64 length, the masked CRC-32C of
    /// those 8 bytes, the data, the masked CRC-32C of the data; both checked) around an <c>Event</c> protobuf, decoded field by
    /// field: wall_time (1, double), step (2, int64), file_version (3), summary (5) whose values (1) carry tag (1),
    /// simple_value (2, float) and histo (5: min 1, max 2, num 3, sum 4).
    /// </summary>
    internal static class EventFile
    {
        internal sealed record Histogram(double Min, double Max, double Count, double Sum);

        internal sealed record Value(long Step, string Tag, float? Simple, Histogram? Histo);

        public static (string? FileVersion, List<Value> Values) Read(string path)
        {
            var bytes = File.ReadAllBytes(path);
            var values = new List<Value>();
            string? version = null;
            var offset = 0;
            while (offset < bytes.Length)
            {
                var length = checked((int)BitConverter.ToUInt64(bytes, offset));
                Check(bytes.AsSpan(offset, 8), BitConverter.ToUInt32(bytes, offset + 8), "length");
                var data = bytes.AsSpan(offset + 12, length);
                Check(data, BitConverter.ToUInt32(bytes, offset + 12 + length), "data");
                offset += 12 + length + 4;
                long step = 0;
                var summaries = new List<byte[]>();
                foreach (var (field, payload, number) in Fields(data.ToArray()))
                {
                    switch (field)
                    {
                        case 2: step = (long)number; break;
                        case 3: version = Encoding.UTF8.GetString(payload!); break;
                        case 5: summaries.Add(payload!); break;
                    }
                }

                foreach (var summary in summaries)
                {
                    foreach (var (field, payload, _) in Fields(summary))
                    {
                        if (field == 1)
                        {
                            values.Add(ReadValue(step, payload!));
                        }
                    }
                }
            }

            return (version, values);
        }

        private static Value ReadValue(long step, byte[] value)
        {
            string tag = "";
            float? simple = null;
            Histogram? histo = null;
            foreach (var (field, payload, number) in Fields(value))
            {
                switch (field)
                {
                    case 1: tag = Encoding.UTF8.GetString(payload!); break;
                    case 2: simple = BitConverter.Int32BitsToSingle((int)number); break;
                    case 5: histo = ReadHistogram(payload!); break;
                }
            }

            return new Value(step, tag, simple, histo);
        }

        private static Histogram ReadHistogram(byte[] histogram)
        {
            var numbers = new double[5];
            foreach (var (field, _, number) in Fields(histogram))
            {
                if (field is >= 1 and <= 4)
                {
                    numbers[field] = BitConverter.Int64BitsToDouble((long)number);
                }
            }

            return new Histogram(numbers[1], numbers[2], numbers[3], numbers[4]);
        }

        /// <summary>The fields of a protobuf message: number, then the payload (length-delimited) or the raw bits (varint, fixed).</summary>
        private static IEnumerable<(int Field, byte[]? Payload, ulong Number)> Fields(byte[] message)
        {
            var position = 0;
            while (position < message.Length)
            {
                var key = Varint(message, ref position);
                var field = (int)(key >> 3);
                switch (key & 7)
                {
                    case 0:
                        yield return (field, null, Varint(message, ref position));
                        break;
                    case 1:
                        yield return (field, null, BitConverter.ToUInt64(message, position));
                        position += 8;
                        break;
                    case 2:
                        var length = (int)Varint(message, ref position);
                        yield return (field, message.AsSpan(position, length).ToArray(), 0);
                        position += length;
                        break;
                    case 5:
                        yield return (field, null, BitConverter.ToUInt32(message, position));
                        position += 4;
                        break;
                    default:
                        throw new InvalidDataException($"Unsupported wire type {key & 7} at byte {position}.");
                }
            }
        }

        private static ulong Varint(byte[] bytes, ref int position)
        {
            ulong value = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = bytes[position++];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }
        }

        private static void Check(ReadOnlySpan<byte> data, uint masked, string what)
        {
            var crc = Crc32C(data);
            var expected = ((crc >> 15) | (crc << 17)) + 0xa282ead8U;
            if (expected != masked)
            {
                throw new InvalidDataException($"The {what} CRC of a record does not match.");
            }
        }

        private static uint Crc32C(ReadOnlySpan<byte> data)
        {
            var crc = 0xFFFFFFFFu;
            foreach (var b in data)
            {
                crc ^= b;
                for (var k = 0; k < 8; k++)
                {
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
                }
            }

            return ~crc;
        }
    }
}
