using System;
using System.Collections;
using System.Collections.Generic;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// Mini-batches over in-memory rows: each enumeration yields <c>ceil(rows / batchSize)</c> batches (the last one may
    /// be smaller). With shuffling, every enumeration draws a new permutation from a generator seeded once with the seed,
    /// so two instances with the same seed see the same orders; a checkpoint records how many orders were drawn
    /// (<see cref="IReplayableOrder"/>) and a resumed run draws as many again. Index tensors are created in <c>MoveNext</c>, so they
    /// (and the batch built from them) belong to the caller's dispose scope.
    /// </summary>
    /// <typeparam name="TBatch">The batch type built by the selector.</typeparam>
    public sealed class InMemoryBatches<TBatch> : IReadOnlyCollection<TBatch>, IReplayableOrder
    {
        private readonly long rows;
        private readonly int batchSize;
        private readonly bool shuffle;
        private readonly Func<Tensor, TBatch> select;
        private readonly Device? device;
        private readonly Random random;

        /// <summary>Creates the batches.</summary>
        /// <param name="rows">Number of rows in the data.</param>
        /// <param name="batchSize">Rows per batch.</param>
        /// <param name="shuffle">Whether each enumeration visits the rows in a new random order.</param>
        /// <param name="seed">Seed of the shuffling generator.</param>
        /// <param name="select">Builds a batch from int64 row indices <c>[B]</c>.</param>
        /// <param name="device">Device of the index tensors (the data's device); the CPU when null.</param>
        public InMemoryBatches(long rows, int batchSize, bool shuffle, int seed, Func<Tensor, TBatch> select, Device? device = null)
        {
            ArgumentNullException.ThrowIfNull(select);
            if (rows < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(rows), rows, "The row count cannot be negative.");
            }

            if (batchSize <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size must be positive.");
            }

            this.rows = rows;
            this.batchSize = batchSize;
            this.shuffle = shuffle;
            this.select = select;
            this.device = device;
            random = new Random(seed);
        }

        /// <summary>Number of batches per enumeration.</summary>
        public long Count => (rows + batchSize - 1) / batchSize;

        /// <summary>Number of batches per enumeration (the trainer's step events report it).</summary>
        int IReadOnlyCollection<TBatch>.Count => checked((int)Count);

        /// <inheritdoc />
        public long OrdersDrawn { get; private set; }

        /// <inheritdoc />
        public IEnumerator<TBatch> GetEnumerator() => Enumerate(NextOrder());

        /// <inheritdoc />
        public void SkipOrders(long count)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count);
            for (long k = 0; k < count; k++)
            {
                NextOrder();
            }
        }

        private long[] NextOrder()
        {
            var order = new long[rows];
            for (long i = 0; i < rows; i++)
            {
                order[i] = i;
            }

            lock (random)
            {
                if (shuffle)
                {
                    for (var i = order.LongLength - 1; i > 0; i--)
                    {
                        var j = random.NextInt64(i + 1);
                        (order[i], order[j]) = (order[j], order[i]);
                    }
                }

                OrdersDrawn++;
            }

            return order;
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private IEnumerator<TBatch> Enumerate(long[] order)
        {
            for (long start = 0; start < order.LongLength; start += batchSize)
            {
                var length = (int)Math.Min(batchSize, order.LongLength - start);
                var indices = new long[length];
                Array.Copy(order, start, indices, 0, length);
                var index = torch.tensor(indices, dtype: ScalarType.Int64, device: device);
                yield return select(index);
            }
        }
    }
}
