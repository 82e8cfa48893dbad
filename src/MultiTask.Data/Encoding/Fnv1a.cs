using System;
using System.Text;

namespace MultiTask.Data.Encoding
{
    /// <summary>The 64-bit FNV-1a hash of a string's UTF-8 bytes: the same on every machine and run (unlike <c>string.GetHashCode</c>).</summary>
    internal static class Fnv1a
    {
        private const ulong Offset = 14695981039346656037;
        private const ulong Prime = 1099511628211;

        public static long Hash(ReadOnlySpan<char> text)
        {
            Span<byte> small = stackalloc byte[256];
            var count = System.Text.Encoding.UTF8.GetByteCount(text);
            var bytes = count <= small.Length ? small[..count] : new byte[count];
            System.Text.Encoding.UTF8.GetBytes(text, bytes);
            var hash = Offset;
            foreach (var b in bytes)
            {
                hash = unchecked((hash ^ b) * Prime);
            }

            return unchecked((long)hash);
        }
    }
}
