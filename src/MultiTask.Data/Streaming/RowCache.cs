using System.Collections.Generic;
using MultiTask.Data.Encoding;

namespace MultiTask.Data
{
    /// <summary>
    /// A stream's parsed, standardized rows, chunk by chunk in file order, kept while their arrays fit in a budget of bytes;
    /// the chunk that would pass it drops them all, so a file too large for the budget costs no more memory than uncached.
    /// </summary>
    internal sealed class RowCache
    {
        private readonly List<RowStore> chunks = [];
        private readonly long budgetBytes;
        private long bytes;

        public RowCache(long budgetBytes) => this.budgetBytes = budgetBytes;

        public bool Dropped { get; private set; }

        /// <summary>The kept chunks, in file order (empty once dropped).</summary>
        public IReadOnlyList<RowStore> Chunks => chunks;

        /// <summary>Keeps <paramref name="chunk"/> (which nothing may change afterwards) unless it would pass the budget.</summary>
        public void Add(RowStore chunk)
        {
            if (Dropped)
            {
                return;
            }

            bytes += chunk.AllocatedBytes;
            if (bytes > budgetBytes)
            {
                chunks.Clear();
                chunks.TrimExcess();
                Dropped = true;
                return;
            }

            chunks.Add(chunk);
        }
    }
}
