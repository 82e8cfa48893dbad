using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using MultiTask.Data.Encoding;

namespace MultiTask.Data
{
    /// <summary>
    /// Batches streamed from a file, chunk by chunk, through an optional shuffle buffer; with <c>prefetch</c> above 0, a thread
    /// of its own parses and shuffles that many batches ahead (<see cref="Prefetcher"/>), in the same order. Tensors are made
    /// in <c>MoveNext</c>, on the caller's thread, so they belong to the caller's dispose scope (the trainer's step).
    /// </summary>
    internal sealed class StreamedBatches<TBatch> : IEnumerable<TBatch>
    {
        private readonly TableFile file;
        private readonly ColumnMap<TBatch> columns;
        private readonly DataPreparation preparation;
        private readonly int batchSize;
        private readonly int shuffleBuffer;
        private readonly int prefetch;
        private readonly Random random;

        public StreamedBatches(TableFile file, ColumnMap<TBatch> columns, DataPreparation preparation, int batchSize, int shuffleBuffer, int seed, int prefetch)
        {
            this.prefetch = prefetch;
            this.file = file;
            this.columns = columns;
            this.preparation = preparation;
            this.batchSize = batchSize;
            this.shuffleBuffer = shuffleBuffer;
            random = new Random(seed);
        }

        public IEnumerator<TBatch> GetEnumerator()
        {
            Random order;
            lock (random)
            {
                order = new Random(random.Next());
            }

            return Enumerate(order);
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private IEnumerator<TBatch> Enumerate(Random order)
        {
            if (prefetch == 0)
            {
                foreach (var store in FilledBatches(order, filled => filled))
                {
                    yield return Emit(store);
                }

                yield break;
            }

            using var prefetcher = new Prefetcher(recycle => FilledBatches(order, recycle), prefetch);
            while (prefetcher.Next() is { } filled)
            {
                TBatch batch;
                try
                {
                    batch = Emit(filled);
                }
                finally
                {
                    prefetcher.Recycle(filled);
                }

                yield return batch;
            }
        }

        /// <summary>
        /// The file's rows in batch-sized stores, through the shuffle buffer; after each store is yielded, the rows continue in
        /// the store <paramref name="recycle"/> returns for it (a new one when null).
        /// </summary>
        private IEnumerable<RowStore> FilledBatches(Random order, Func<RowStore, RowStore?> recycle)
        {
            var (reader, resolved, chunk) = file.OpenFor(columns, columns.TaskColumns);
            using (reader)
            {
                var encoder = new RowEncoder(resolved, preparation.Tasks, reader);
                var tasks = resolved.Tasks.Select(t => t.Task).ToArray();
                var batch = new RowStore(columns.InputSize, tasks, batchSize);
                var buffer = shuffleBuffer > 0 ? new RowStore(columns.InputSize, tasks, shuffleBuffer) : null;
                while (reader.Read(chunk))
                {
                    for (var r = 0; r < chunk.Count; r++)
                    {
                        if (buffer is null)
                        {
                            encoder.Encode(chunk, r, batch, batch.Count++);
                        }
                        else if (buffer.Count < buffer.Capacity)
                        {
                            encoder.Encode(chunk, r, buffer, buffer.Count++);
                            continue;
                        }
                        else
                        {
                            // The buffer is full: a random row leaves it for the batch, the new row takes its place.
                            var leaving = order.Next(buffer.Count);
                            buffer.CopyRow(leaving, batch, batch.Count++);
                            encoder.Encode(chunk, r, buffer, leaving);
                        }

                        if (batch.Count == batchSize)
                        {
                            yield return Standardized(batch);
                            batch = Continue(recycle(batch), tasks);
                        }
                    }
                }

                if (buffer is not null)
                {
                    var rest = new int[buffer.Count];
                    for (var i = 0; i < rest.Length; i++)
                    {
                        rest[i] = i;
                    }

                    order.Shuffle(rest);
                    foreach (var row in rest)
                    {
                        buffer.CopyRow(row, batch, batch.Count++);
                        if (batch.Count == batchSize)
                        {
                            yield return Standardized(batch);
                            batch = Continue(recycle(batch), tasks);
                        }
                    }
                }

                if (batch.Count > 0)
                {
                    yield return Standardized(batch);
                }
            }
        }

        /// <summary>An empty batch store: <paramref name="recycled"/>, or a new one.</summary>
        private RowStore Continue(RowStore? recycled, TaskDefinition[] tasks)
        {
            var batch = recycled ?? new RowStore(columns.InputSize, tasks, batchSize);
            batch.Count = 0;
            return batch;
        }

        /// <summary>The store's features standardized in place (on the producer's thread when prefetching).</summary>
        private RowStore Standardized(RowStore batch)
        {
            preparation.Scaler?.Apply(batch.Features.AsSpan(0, batch.Count * batch.Width));
            return batch;
        }

        private TBatch Emit(RowStore batch)
        {
            var (input, targets) = batch.ToTensors(scaler: null);
            return columns.ToBatch(input, targets);
        }
    }
}
