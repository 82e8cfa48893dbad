using System;
using Xunit;

namespace MultiTask.Tests
{
    /// <summary>The allocator setting an embedding model applies so Adam's table-sized temporaries are not faulted in every step.</summary>
    public class NativeHeapTests
    {
        [Fact]
        public void ACategoricalEmbeddingKeepsFreedBlocksOnGlibc()
        {
            using var embedding = new CategoricalEmbedding(new CategoricalField("User", vocabulary: 10, width: 4));

            bool userTunables = (Environment.GetEnvironmentVariable("GLIBC_TUNABLES") ?? string.Empty).Contains("glibc.malloc.", StringComparison.Ordinal);
            Assert.Equal(OperatingSystem.IsLinux() && !userTunables, NativeHeap.KeepsFreedBlocks);
            Assert.Equal(NativeHeap.KeepsFreedBlocks, NativeHeap.KeepFreedBlocks());
        }
    }
}
