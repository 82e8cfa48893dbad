using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using MultiTask.Data.Encoding;

namespace MultiTask.Data
{
    /// <summary>
    /// Runs a stream's parsing on a thread of its own, a bounded number of batches ahead of the consumer: the producer fills
    /// one of <c>depth + 1</c> recycled row stores and waits when none is free, so memory stays flat. An exception of the
    /// producer is rethrown, unchanged, by the consumer's next <see cref="Next"/>; disposing stops the producer and waits for it
    /// (which closes the file).
    /// </summary>
    internal sealed class Prefetcher : IDisposable
    {
        private readonly BlockingCollection<RowStore> free = new();
        private readonly BlockingCollection<RowStore> ready = new();
        private readonly CancellationTokenSource stop = new();
        private readonly Thread producer;
        private readonly int stores;
        private int created;
        private ExceptionDispatchInfo? failure;

        /// <param name="batches">
        /// The producer's loop: yields each filled store, then continues in the store that the function it is given returns for
        /// it (a new one when null).
        /// </param>
        /// <param name="depth">Batches parsed ahead of the consumer (at least 1).</param>
        public Prefetcher(Func<Func<RowStore, RowStore?>, IEnumerable<RowStore>> batches, int depth)
        {
            stores = depth + 1;
            producer = new Thread(() => Produce(batches)) { IsBackground = true, Name = "MultiTask.Data prefetch" };
            producer.Start();
        }

        /// <summary>The next filled store, or null at the end; rethrows the producer's exception.</summary>
        public RowStore? Next()
        {
            if (ready.TryTake(out var store, Timeout.Infinite))
            {
                return store;
            }

            failure?.Throw();
            return null;
        }

        /// <summary>Hands a store whose rows the consumer has taken back to the producer.</summary>
        public void Recycle(RowStore store) => free.Add(store);

        public void Dispose()
        {
            stop.Cancel();
            producer.Join();
            stop.Dispose();
            free.Dispose();
            ready.Dispose();
        }

        private void Produce(Func<Func<RowStore, RowStore?>, IEnumerable<RowStore>> batches)
        {
            try
            {
                foreach (var store in batches(Exchange))
                {
                    ready.Add(store);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Disposed before the end: nothing is waiting for the rest.
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                ready.CompleteAdding();
            }
        }

        /// <summary>
        /// The store the producer continues in once <paramref name="filled"/> is queued: null (make one) while fewer than the
        /// bound exist, else one the consumer has recycled, waiting for it.
        /// </summary>
        private RowStore? Exchange(RowStore filled)
        {
            if (created + 1 < stores)
            {
                created++;
                return null;
            }

            return free.Take(stop.Token);
        }
    }
}
