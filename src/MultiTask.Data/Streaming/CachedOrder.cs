using System;
using System.Collections.Generic;

namespace MultiTask.Data
{
    /// <summary>
    /// A cached pass's batches as row indices: the rows 0 to <c>rows - 1</c> in file order through the same shuffle buffer as a
    /// streamed pass, which only the indices go through.
    /// </summary>
    internal static class CachedOrder
    {
        public static IEnumerable<long[]> Batches(long rows, int batchSize, int shuffleBuffer, Random order)
        {
            var batch = new List<long>(batchSize);
            var slots = shuffleBuffer > 0 ? new ShuffleSlots(shuffleBuffer, order) : null;
            var held = new long[shuffleBuffer];
            for (long row = 0; row < rows; row++)
            {
                if (slots is null)
                {
                    batch.Add(row);
                }
                else
                {
                    var slot = slots.Arrive(out var leaving);
                    if (leaving)
                    {
                        batch.Add(held[slot]);
                    }

                    held[slot] = row;
                }

                if (batch.Count == batchSize)
                {
                    yield return Taken(batch);
                }
            }

            foreach (var slot in slots?.Drain() ?? [])
            {
                batch.Add(held[slot]);
                if (batch.Count == batchSize)
                {
                    yield return Taken(batch);
                }
            }

            if (batch.Count > 0)
            {
                yield return Taken(batch);
            }
        }

        private static long[] Taken(List<long> batch)
        {
            var rows = batch.ToArray();
            batch.Clear();
            return rows;
        }
    }
}
