namespace MultiTask
{
    /// <summary>
    /// Batches whose order comes from a generator of their own (<see cref="InMemoryBatches{TBatch}"/> with shuffling): a
    /// checkpoint records how many orders they have drawn, and a run resumed from it on batches made anew with the same seed
    /// draws as many before its first epoch, so that every later epoch sees the order it would have seen.
    /// </summary>
    public interface IReplayableOrder
    {
        /// <summary>The orders drawn so far: one per enumeration.</summary>
        long OrdersDrawn { get; }

        /// <summary>Draws <paramref name="count"/> orders and discards them, as that many enumerations would.</summary>
        void SkipOrders(long count);
    }
}
