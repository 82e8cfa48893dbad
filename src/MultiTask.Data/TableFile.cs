using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MultiTask.Data.Encoding;
using MultiTask.Data.Reading;

namespace MultiTask.Data
{
    /// <summary>
    /// A table in a file (CSV, TSV or another delimiter, optionally gzip-compressed; or Parquet), or two side by side: read
    /// through a model's generated <c>Columns</c> map into memory (<see cref="Read{TBatch}(ColumnMap{TBatch})"/>) or streamed batch by batch
    /// (<see cref="Stream{TBatch}(ColumnMap{TBatch}, DataPreparation, int, int, int, int, long)"/>). Each read opens the file anew.
    /// </summary>
    public sealed class TableFile
    {
        private const int ChunkRows = 4096;
        private readonly Func<ITableReader> open;

        private TableFile(string name, Func<ITableReader> open)
        {
            Name = name;
            this.open = open;
        }

        /// <summary>The file's path (both paths for a join).</summary>
        public string Name { get; }

        /// <summary>A comma-separated file.</summary>
        public static TableFile Csv(string path, bool hasHeader = true) => Delimited(path, ',', hasHeader);

        /// <summary>A tab-separated file.</summary>
        public static TableFile Tsv(string path, bool hasHeader = true) => Delimited(path, '\t', hasHeader);

        /// <summary>A text file whose fields are separated by <paramref name="delimiter"/> (a <c>.gz</c> file is decompressed).</summary>
        public static TableFile Delimited(string path, char delimiter, bool hasHeader = true)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            return new TableFile(path, () => new CsvTableReader(Existing(path), delimiter, hasHeader));
        }

        /// <summary>A Parquet file, read one row group at a time.</summary>
        public static TableFile Parquet(string path)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            return new TableFile(path, () => new ParquetTableReader(Existing(path)));
        }

        /// <summary>The file by its extension: <c>.parquet</c>, <c>.tsv</c>, <c>.csv</c> (each text form also with <c>.gz</c>).</summary>
        public static TableFile Open(string path, bool hasHeader = true)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            var name = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;
            return Path.GetExtension(name).ToLowerInvariant() switch
            {
                ".parquet" when name == path => Parquet(path),
                ".tsv" => Tsv(path, hasHeader),
                ".csv" => Csv(path, hasHeader),
                _ => throw new ArgumentException($"{path}: name the format (TableFile.Csv, Tsv, Delimited or Parquet); the extension does not say it.", nameof(path)),
            };
        }

        /// <summary>This table's columns, then <paramref name="right"/>'s, row i beside row i (both must have as many rows).</summary>
        public TableFile Beside(TableFile right)
        {
            ArgumentNullException.ThrowIfNull(right);
            return new TableFile($"{Name} + {right.Name}", () =>
            {
                var left = open();
                try
                {
                    return new JoinedTableReader(left, right.open());
                }
                catch
                {
                    left.Dispose();
                    throw;
                }
            });
        }

        /// <summary>Every row into memory: the features as read and every task's labels (a missing label masked).</summary>
        /// <exception cref="DataFileException">A column is missing, a row has the wrong number of fields, a cell is not a number, the file has no rows...</exception>
        public LabeledRows<TBatch> Read<TBatch>(ColumnMap<TBatch> columns)
        {
            ArgumentNullException.ThrowIfNull(columns);
            return ReadRows<TBatch>(columns, columns.TaskColumns);
        }

        /// <summary>
        /// Every row of a model with input fields into memory: the dense and image fields' numbers as read, the categorical and text
        /// fields' cells as written (their ids are given by the <see cref="DataPreparation"/> fitted on the training split), and every
        /// task's labels (a missing label masked).
        /// </summary>
        /// <exception cref="DataFileException">A column is missing, a cell is not a number or not an id, a multi-valued cell holds too many values...</exception>
        public LabeledRows<TBatch> Read<TBatch>(FieldColumnMap<TBatch> columns)
        {
            ArgumentNullException.ThrowIfNull(columns);
            return ReadRows<TBatch>(columns, columns.TaskColumns);
        }

        /// <summary>For a model with one input per task: the rows of the task named <paramref name="task"/> (its features and its target only).</summary>
        public LabeledRows<TBatch> ReadTask<TBatch>(PerTaskColumnMap<TBatch> columns, string task)
        {
            ArgumentNullException.ThrowIfNull(columns);
            var column = columns.TaskColumns.FirstOrDefault(c => c.Task.Name == task)
                ?? throw new ArgumentException($"{columns.ModelName} has no task '{task}'.", nameof(task));
            return ReadRows<TBatch>(columns, [column]);
        }

        /// <summary>
        /// A preparation fitted in one streaming pass over the whole file (for files too large for <see cref="Read{TBatch}(ColumnMap{TBatch})"/>): the
        /// standardizer over every row unless <paramref name="standardize"/> is false (of a model with fields: its dense fields'
        /// columns), every task's class names and every categorical and text field's vocabulary.
        /// </summary>
        public DataPreparation FitPreparation(ModelColumnMap columns, bool standardize = true)
        {
            ArgumentNullException.ThrowIfNull(columns);
            var scan = Scan(columns, columns.TaskColumns, standardize, fields: true, countNames: true);
            return new DataPreparation(scan.Features, scan.Scaler, scan.Encodings, scan.Fields, scan.DenseFields);
        }

        /// <summary>
        /// The model's batches streamed from the file: <paramref name="batchSize"/> rows each, prepared by
        /// <paramref name="preparation"/>; with <paramref name="shuffleBuffer"/> rows (more than 0), every row waits in a buffer
        /// that size and leaves it at random (a new order on each pass, from <paramref name="seed"/>). Memory holds one chunk, the
        /// buffer and one batch, whatever the file's size, and with <paramref name="prefetch"/> batches (more than 0) that many more:
        /// a thread of its own parses them ahead while the trainer works on the current one, in the same order (0 parses on the
        /// caller's thread). With <paramref name="cacheBudgetBytes"/> above 0, the first whole pass also keeps the parsed,
        /// standardized rows while they fit in that many bytes, closes the file, and later passes take the rows from memory
        /// through the same shuffle buffer (the same batches as uncached); rows that pass the budget are dropped and every pass
        /// reads the file, as with 0 (the default).
        /// </summary>
        public StreamedBatches<TBatch> Stream<TBatch>(ColumnMap<TBatch> columns, DataPreparation preparation, int batchSize, int shuffleBuffer = 0, int seed = 0, int prefetch = 2, long cacheBudgetBytes = 0)
            => StreamOf<TBatch>(columns, preparation, batchSize, shuffleBuffer, seed, prefetch, cacheBudgetBytes);

        /// <summary>The batches of a model with input fields streamed from the file, as <see cref="Stream{TBatch}(ColumnMap{TBatch}, DataPreparation, int, int, int, int, long)"/> does.</summary>
        public StreamedBatches<TBatch> Stream<TBatch>(FieldColumnMap<TBatch> columns, DataPreparation preparation, int batchSize, int shuffleBuffer = 0, int seed = 0, int prefetch = 2, long cacheBudgetBytes = 0)
            => StreamOf<TBatch>(columns, preparation, batchSize, shuffleBuffer, seed, prefetch, cacheBudgetBytes);

        /// <inheritdoc />
        public override string ToString() => Name;

        internal (ITableReader Reader, ResolvedColumns Columns, RowChunk Chunk) OpenFor(ModelColumnMap columns, IReadOnlyList<TaskColumn> tasks, bool withNumbers = true, bool withCells = true)
        {
            var reader = open();
            try
            {
                var resolved = ResolvedColumns.Resolve(columns, tasks, reader, withNumbers, withCells);
                return (reader, resolved, new RowChunk(resolved.Plan, ChunkRows));
            }
            catch
            {
                reader.Dispose();
                throw;
            }
        }

        private StreamedBatches<TBatch> StreamOf<TBatch>(ModelColumnMap columns, DataPreparation preparation, int batchSize, int shuffleBuffer, int seed, int prefetch, long cacheBudgetBytes)
        {
            ArgumentNullException.ThrowIfNull(columns);
            ArgumentNullException.ThrowIfNull(preparation);
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
            ArgumentOutOfRangeException.ThrowIfNegative(shuffleBuffer);
            ArgumentOutOfRangeException.ThrowIfNegative(prefetch);
            ArgumentOutOfRangeException.ThrowIfNegative(cacheBudgetBytes);
            return new StreamedBatches<TBatch>(this, columns, BatchMaker<TBatch>.Of(columns), preparation, batchSize, shuffleBuffer, seed, prefetch, cacheBudgetBytes);
        }

        private LabeledRows<TBatch> ReadRows<TBatch>(ModelColumnMap columns, IReadOnlyList<TaskColumn> tasks)
        {
            // A first pass finds the class names and whether each categorical column holds ids or names.
            var categorical = columns is FieldColumnMap fields && fields.FieldColumns.Any(f => f.Column is CategoryColumn);
            var scan = categorical || tasks.Any(t => t.Task is not RegressionTask && t.Column.Classes is null)
                ? Scan(columns, tasks, fitScaler: false, fields: categorical, countNames: false)
                : null;
            var encodings = scan?.Encodings
                ?? tasks.Where(t => t.Task is not RegressionTask).Select(t => new TaskEncoding(t.Task.Name, t.Column.Classes)).ToArray();
            var (reader, resolved, chunk) = OpenFor(columns, tasks);
            using (reader)
            {
                var kinds = resolved.Inputs.CellParts.Select(p => scan?.Fields.FirstOrDefault(f => f.Field == p.Name) ?? p.Template).ToArray();
                var encoder = new RowEncoder(resolved, encodings, kinds, reader);
                var store = new RowStore(resolved.Plan.Features.Length, resolved.Plan.Cells.Length, tasks.Select(t => t.Task), ChunkRows);
                while (reader.Read(chunk))
                {
                    store.EnsureCapacity(store.Count + chunk.Count);
                    for (var r = 0; r < chunk.Count; r++)
                    {
                        encoder.Encode(chunk, r, store, store.Count++);
                    }
                }

                return store.Count > 0
                    ? new LabeledRows<TBatch>(columns, resolved.Inputs, store, encodings, kinds, Name)
                    : throw new DataFileException(reader.File, "the file has no data rows");
            }
        }

        private static string Existing(string path) => File.Exists(path) ? path : throw new DataFileException(path, "no such file");

        /// <summary>
        /// One pass: the class and binary columns' encodings, the standardizer when asked, and with <paramref name="fields"/> each
        /// categorical and text field's encoding (the vocabularies too with <paramref name="countNames"/>).
        /// </summary>
        private ScanResult Scan(ModelColumnMap columns, IReadOnlyList<TaskColumn> tasks, bool fitScaler, bool fields, bool countNames)
        {
            var (reader, resolved, chunk) = OpenFor(columns, tasks, withNumbers: fitScaler, withCells: fields);
            using (reader)
            {
                var builders = resolved.Tasks.Where(t => t.IsText).Select(t => new EncodingBuilder(t, reader.File)).ToArray();
                var cellParts = fields ? resolved.Inputs.CellParts.ToArray() : [];
                var fieldBuilders = cellParts.Select(p => new FieldEncodingBuilder(p, reader.File, known: null, countNames)).ToArray();
                var standardized = resolved.Inputs.Standardized;
                var fit = fitScaler && standardized > 0 ? new Standardizer.Fit(standardized) : null;
                var width = chunk.Plan.Features.Length;
                var rows = 0L;
                while (reader.Read(chunk))
                {
                    rows += chunk.Count;
                    fit?.Add(chunk.Features.AsSpan(0, chunk.Count * width), width);
                    foreach (var builder in builders)
                    {
                        builder.Observe(chunk);
                    }

                    for (var f = 0; f < fieldBuilders.Length; f++)
                    {
                        fieldBuilders[f].Observe(chunk.Cells[cellParts[f].Slot].AsSpan(0, chunk.Count));
                    }
                }

                if (rows == 0)
                {
                    throw new DataFileException(reader.File, "the file has no data rows");
                }

                return new ScanResult(builders.Select(b => b.Build()).ToArray(), fieldBuilders.Select(b => b.Build()).ToArray(), fit?.Build(), resolved.FeatureNames, resolved.Inputs.DenseFields);
            }
        }

        private sealed record ScanResult(TaskEncoding[] Encodings, FieldEncoding[] Fields, Standardizer? Scaler, string[] Features, StandardizedField[] DenseFields);
    }
}
