using System;

namespace MultiTask.Data
{
    /// <summary>
    /// The shuffle buffer's draws, by slot: while the buffer fills, each arriving row takes the next slot; once it is full, a
    /// random slot's row leaves for the batch and the arriving row takes that slot; at the end, the rows left leave in a random
    /// order. Streamed rows (copied into the slots) and cached rows (their indices in the slots) draw the same order from it.
    /// </summary>
    internal sealed class ShuffleSlots
    {
        private readonly int capacity;
        private readonly Random order;

        public ShuffleSlots(int capacity, Random order)
        {
            this.capacity = capacity;
            this.order = order;
        }

        /// <summary>Rows in the buffer.</summary>
        public int Count { get; private set; }

        /// <summary>The slot of the arriving row; <paramref name="leaving"/> is true when that slot's row first leaves for the batch.</summary>
        public int Arrive(out bool leaving)
        {
            leaving = Count == capacity;
            return leaving ? order.Next(Count) : Count++;
        }

        /// <summary>Empties the buffer: its slots in the order their rows leave once no more arrive.</summary>
        public int[] Drain()
        {
            var rest = new int[Count];
            for (var i = 0; i < rest.Length; i++)
            {
                rest[i] = i;
            }

            order.Shuffle(rest);
            Count = 0;
            return rest;
        }
    }
}
