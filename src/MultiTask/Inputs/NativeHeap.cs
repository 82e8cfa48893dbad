using System;
using System.Runtime.InteropServices;

namespace MultiTask
{
    /// <summary>
    /// Keeps glibc's allocator from handing large freed blocks back to the system on every step. Adam's update over an embedding
    /// table makes temporaries as large as the table (TorchSharp's Adam two per table per step, 6.4 MB each for 100,001 x 16);
    /// with glibc's defaults a freed block of that size is often unmapped or trimmed off the heap, so the next step pays a page
    /// fault for every 4 KB of it again, and whether it is depends on where other, small allocations happened to land. Applied
    /// once per process by the first <see cref="CategoricalEmbedding"/>; left alone when <c>GLIBC_TUNABLES</c> sets malloc
    /// options (the user's choice), and off glibc.
    /// </summary>
    public static class NativeHeap
    {
        /// <summary>Blocks up to this size come from the heap, not from their own mapping (glibc's largest allowed value on 64-bit).</summary>
        public const int MmapThreshold = 32 << 20;

        /// <summary>Free memory at the top of the heap kept for reuse instead of being returned (the largest value: 256 MB was not enough).</summary>
        public const int TrimThreshold = int.MaxValue;

        private const int MallocTrimThreshold = -1;
        private const int MallocMmapThreshold = -3;
        private static readonly Lazy<bool> Applied = new(Apply);

        /// <summary>Whether this process's allocator was set to keep freed blocks (false off glibc or when <c>GLIBC_TUNABLES</c> sets malloc options).</summary>
        public static bool KeepsFreedBlocks => Applied.IsValueCreated && Applied.Value;

        /// <summary>Sets the two thresholds once per process; returns whether they are set.</summary>
        public static bool KeepFreedBlocks() => Applied.Value;

        private static bool Apply()
        {
            if (!OperatingSystem.IsLinux() || (Environment.GetEnvironmentVariable("GLIBC_TUNABLES") ?? string.Empty).Contains("glibc.malloc.", StringComparison.Ordinal))
            {
                return false;
            }

            try
            {
                return mallopt(MallocMmapThreshold, MmapThreshold) == 1 && mallopt(MallocTrimThreshold, TrimThreshold) == 1;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                return false; // not glibc (e.g. musl)
            }
        }

        [DllImport("libc.so.6", EntryPoint = "mallopt")]
        private static extern int mallopt(int param, int value);
    }
}
