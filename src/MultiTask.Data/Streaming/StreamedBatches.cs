using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using MultiTask.Data.Encoding;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Data
{
    /// <summary>
    /// Batches streamed from a file, chunk by chunk, through an optional shuffle buffer; with <c>prefetch</c> above 0, a thread
    /// of its own parses and shuffles that many batches ahead, in the same order. With a cache budget, the first whole pass
    /// keeps the parsed, standardized rows while they fit in it and makes them into one tensor per input and target; later
    /// passes shuffle the rows' indices through the same buffer (so the same batches as uncached) and select each batch's rows
    /// from those tensors, as in-memory batches do. A split part streams only its rows. Batch tensors are made in
    /// <c>MoveNext</c>, on the caller's thread, so they belong to the caller's dispose scope (the trainer's step).
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
        private readonly StreamRows? part;
        private readonly Random random;
        private CachedTensors? cache;
        // The file's inputs: the same on every pass, set by the first before it yields a row.
        private volatile InputLayout? layout;
        private volatile bool cacheDropped;

        internal StreamedBatches(TableFile file, ModelColumnMap columns, BatchMaker<TBatch> maker, DataPreparation preparation, int batchSize, int shuffleBuffer, int seed, int prefetch, long cacheBudgetBytes, StreamRows? part)
        {
            this.part = part;
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
        public long CachedRows => Volatile.Read(ref cache)?.Count ?? 0;

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
            if (Volatile.Read(ref cache) is { } cached)
            {
                foreach (var rows in CachedOrder.Batches(cached.Count, batchSize, shuffleBuffer, order))
                {
                    var index = torch.tensor(rows, dtype: ScalarType.Int64);
                    yield return maker.ToBatch(cached.Inputs.Select(i => i.index_select(0, index)).ToArray(), cached.Targets.Select(t => t.Select(index)).ToArray());
                }

                yield break;
            }

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
            var slots = shuffleBuffer > 0 ? new ShuffleSlots(shuffleBuffer, order) : null;
            foreach (var chunk in FileChunks())
            {
                batch ??= chunk.Like(batchSize);
                buffer ??= slots is null ? null : chunk.Like(shuffleBuffer);
                for (var r = 0; r < chunk.Count; r++)
                {
                    if (slots is null)
                    {
                        chunk.CopyRow(r, batch, batch.Count++);
                    }
                    else
                    {
                        var slot = slots.Arrive(out var leaving);
                        if (leaving)
                        {
                            buffer!.CopyRow(slot, batch, batch.Count++);
                        }

                        chunk.CopyRow(r, buffer!, slot);
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
                foreach (var row in slots!.Drain())
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

        /// <summary>
        /// The file's rows (the part's only, with a split), parsed and standardized chunk by chunk (in one recycled store unless
        /// they are being cached); a whole pass that kept them within the budget publishes them as tensors for the passes after
        /// it, once the file is closed.
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
                    rows.Count = 0;
                    for (var r = 0; r < chunk.Count; r++)
                    {
                        if (part?.Contains(chunk.FirstRow + r) != false)
                        {
                            encoder.Encode(chunk, r, rows, rows.Count++);
                        }
                    }

                    if (rows.Count == 0)
                    {
                        continue;
                    }

                    preparation.Scaler?.Apply(rows.Features.AsSpan(0, rows.Count * rows.Width), rows.Width, 0);
                    filling?.Add(rows);
                    yield return rows;
                }
            }

            if (filling is { Dropped: true })
            {
                cacheDropped = true;
            }
            else if (filling is { Chunks.Count: > 0 })
            {
                Interlocked.CompareExchange(ref cache, CachedTensors.From(filling.Chunks, resolved.Inputs, preparation), null);
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
