using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using MultiTask.Data.Encoding;

namespace MultiTask.Data
{
    /// <summary>
    /// Batches streamed from a file, chunk by chunk, through an optional shuffle buffer. Tensors are made in <c>MoveNext</c>,
    /// so they belong to the caller's dispose scope (the trainer's step).
    /// </summary>
    internal sealed class StreamedBatches<TBatch> : IEnumerable<TBatch>
    {
        private readonly TableFile file;
        private readonly ColumnMap<TBatch> columns;
        private readonly DataPreparation preparation;
        private readonly int batchSize;
        private readonly int shuffleBuffer;
        private readonly Random random;

        public StreamedBatches(TableFile file, ColumnMap<TBatch> columns, DataPreparation preparation, int batchSize, int shuffleBuffer, int seed)
        {
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
            var tasks = columns.TaskColumns;
            var (reader, resolved, chunk) = file.OpenFor(columns, tasks);
            using (reader)
            {
                var encoder = new RowEncoder(resolved, preparation.Tasks, reader);
                var batch = new RowStore(columns.InputSize, resolved.Tasks.Select(t => t.Task), batchSize);
                var buffer = shuffleBuffer > 0 ? new RowStore(columns.InputSize, resolved.Tasks.Select(t => t.Task), shuffleBuffer) : null;
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
                            yield return Emit(batch);
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
                            yield return Emit(batch);
                        }
                    }
                }

                if (batch.Count > 0)
                {
                    yield return Emit(batch);
                }
            }
        }

        private TBatch Emit(RowStore batch)
        {
            var (input, targets) = batch.ToTensors(preparation.Scaler);
            batch.Count = 0;
            return columns.ToBatch(input, targets);
        }
    }
}
