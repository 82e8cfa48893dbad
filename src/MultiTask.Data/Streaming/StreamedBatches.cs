using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using MultiTask.Data.Encoding;

namespace MultiTask.Data
{
    /// <summary>
    /// Batches streamed from a file, chunk by chunk, through an optional shuffle buffer; with <c>prefetch</c> above 0, a thread
    /// of its own parses and shuffles that many batches ahead, in the same order. With a cache budget, the first whole pass
    /// keeps the parsed, standardized rows while they fit in it, and later passes take them from memory instead of the file,
    /// through the same shuffle buffer (so the same batches as uncached). Tensors are made in <c>MoveNext</c>, on the caller's
    /// thread, so they belong to the caller's dispose scope (the trainer's step).
    /// </summary>
    public sealed class StreamedBatches<TBatch> : IEnumerable<TBatch>
    {
        private readonly TableFile file;
        private readonly ModelColumnMap columns;
        private readonly BatchMaker<TBatch> maker;
        private readonly DataPreparation preparation;
        private readonly int batchSize;
        private readonly int shuffleBuffer;
        private readonly int prefetch;
        private readonly long cacheBudgetBytes;
        private readonly Random random;
        private RowCache? cache;
        // The file's inputs: the same on every pass, set by the first before it yields a row.
        private volatile InputLayout? layout;
        private volatile bool cacheDropped;

        internal StreamedBatches(TableFile file, ModelColumnMap columns, BatchMaker<TBatch> maker, DataPreparation preparation, int batchSize, int shuffleBuffer, int seed, int prefetch, long cacheBudgetBytes)
        {
            this.prefetch = prefetch;
            this.file = file;
            this.columns = columns;
            this.maker = maker;
            this.preparation = preparation;
            this.batchSize = batchSize;
            this.shuffleBuffer = shuffleBuffer;
            this.cacheBudgetBytes = cacheBudgetBytes;
            random = new Random(seed);
        }

        /// <summary>The rows later passes take from memory: 0 before a whole pass, without a budget, or over it.</summary>
        public long CachedRows => Volatile.Read(ref cache)?.Rows ?? 0;

        /// <summary>Whether a pass found the rows larger than the cache budget (every pass then reads the file).</summary>
        public bool CacheDropped => cacheDropped;

        /// <inheritdoc />
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
        /// The rows in batch-sized stores, through the shuffle buffer; after each store is yielded, the rows continue in the store
        /// <paramref name="recycle"/> returns for it (a new one when null).
        /// </summary>
        private IEnumerable<RowStore> FilledBatches(Random order, Func<RowStore, RowStore?> recycle)
        {
            RowStore? batch = null;
            RowStore? buffer = null;
            foreach (var chunk in Chunks())
            {
                batch ??= chunk.Like(batchSize);
                buffer ??= shuffleBuffer > 0 ? chunk.Like(shuffleBuffer) : null;
                for (var r = 0; r < chunk.Count; r++)
                {
                    if (buffer is null)
                    {
                        chunk.CopyRow(r, batch, batch.Count++);
                    }
                    else if (buffer.Count < buffer.Capacity)
                    {
                        chunk.CopyRow(r, buffer, buffer.Count++);
                        continue;
                    }
                    else
                    {
                        // The buffer is full: a random row leaves it for the batch, the new row takes its place.
                        var leaving = order.Next(buffer.Count);
                        buffer.CopyRow(leaving, batch, batch.Count++);
                        chunk.CopyRow(r, buffer, leaving);
                    }

                    if (batch.Count == batchSize)
                    {
                        yield return batch;
                        batch = Continue(recycle(batch), chunk);
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
                    buffer.CopyRow(row, batch!, batch!.Count++);
                    if (batch.Count == batchSize)
                    {
                        yield return batch;
                        batch = Continue(recycle(batch), buffer);
                    }
                }
            }

            if (batch is { Count: > 0 })
            {
                yield return batch;
            }
        }

        /// <summary>The standardized rows in file order, chunk by chunk: the cache's once a whole pass filled it, else the file's.</summary>
        private IEnumerable<RowStore> Chunks() => Volatile.Read(ref cache)?.Chunks ?? FileChunks();

        /// <summary>
        /// The file's rows, parsed and standardized chunk by chunk (in one recycled store unless they are being cached); a whole
        /// pass that kept them within the budget publishes them for the passes after it, once the file is closed.
        /// </summary>
        private IEnumerable<RowStore> FileChunks()
        {
            var filling = cacheBudgetBytes > 0 && !cacheDropped ? new RowCache(cacheBudgetBytes) : null;
            var (reader, resolved, chunk) = file.OpenFor(columns, columns.TaskColumns);
            layout = resolved.Inputs;
            using (reader)
            {
                var encoder = new RowEncoder(resolved, preparation.Tasks, preparation.Fields, reader);
                var shape = new RowStore(chunk.Plan.Features.Length, chunk.Plan.Cells.Length, resolved.Tasks.Select(t => t.Task), 0);
                RowStore? recycled = null;
                while (reader.Read(chunk))
                {
                    var rows = filling is { Dropped: false } ? shape.Like(chunk.Count) : recycled ??= shape.Like(chunk.Capacity);
                    for (var r = 0; r < chunk.Count; r++)
                    {
                        encoder.Encode(chunk, r, rows, r);
                    }

                    rows.Count = chunk.Count;
                    preparation.Scaler?.Apply(rows.Features.AsSpan(0, rows.Count * rows.Width), rows.Width, 0);
                    filling?.Add(rows);
                    yield return rows;
                }
            }

            if (filling is { Dropped: true })
            {
                cacheDropped = true;
            }
            else if (filling is not null)
            {
                Interlocked.CompareExchange(ref cache, filling, null);
            }
        }

        /// <summary>An empty batch store: <paramref name="recycled"/>, or a new one like <paramref name="like"/>.</summary>
        private RowStore Continue(RowStore? recycled, RowStore like)
        {
            var batch = recycled ?? like.Like(batchSize);
            batch.Count = 0;
            return batch;
        }

        private TBatch Emit(RowStore batch)
        {
            var (inputs, targets) = batch.ToTensors(layout!, preparation, standardized: true);
            return maker.ToBatch(inputs, targets);
        }
    }
}
