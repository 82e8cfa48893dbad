using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using MultiTask.Data.Encoding;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Data
{
    /// <summary>
    /// What turns a file's rows into a model's inputs and labels, kept with the model so that new rows are read the same way:
    /// the <see cref="Scaler"/> fitted on the training split and each task's <see cref="TaskEncoding"/> (class names).
    /// <see cref="SaveBeside"/> writes it as JSON next to the model file.
    /// </summary>
    public sealed class DataPreparation
    {
        private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, CellEncoder> encoders = new(StringComparer.Ordinal);

        /// <summary>A preparation of these parts, for a model without input fields.</summary>
        public DataPreparation(IReadOnlyList<string> features, Standardizer? scaler, IReadOnlyList<TaskEncoding> tasks)
            : this(features, scaler, tasks, [])
        {
        }

        /// <summary>
        /// A preparation of these parts; <paramref name="fields"/> says how each categorical and text field's cells become ids,
        /// <paramref name="denseFields"/> which of the scaler's columns each dense field has.
        /// </summary>
        public DataPreparation(IReadOnlyList<string> features, Standardizer? scaler, IReadOnlyList<TaskEncoding> tasks, IReadOnlyList<FieldEncoding> fields, IReadOnlyList<StandardizedField>? denseFields = null)
        {
            ArgumentNullException.ThrowIfNull(features);
            ArgumentNullException.ThrowIfNull(tasks);
            ArgumentNullException.ThrowIfNull(fields);
            if (scaler is not null && scaler.Mean.Count != features.Count)
            {
                throw new ArgumentException($"The scaler has {scaler.Mean.Count} columns, the features {features.Count}.", nameof(scaler));
            }

            Features = features.ToArray();
            Scaler = scaler;
            Tasks = tasks.ToArray();
            Fields = fields.ToArray();
            DenseFields = denseFields?.ToArray() ?? [];
        }

        /// <summary>The feature columns read, as messages name them.</summary>
        public IReadOnlyList<string> Features { get; }

        /// <summary>The input standardization; null for none.</summary>
        public Standardizer? Scaler { get; }

        /// <summary>How each task's target column is read.</summary>
        public IReadOnlyList<TaskEncoding> Tasks { get; }

        /// <summary>How each categorical and text field's cells become ids: ids as written, or names and words with their vocabularies.</summary>
        public IReadOnlyList<FieldEncoding> Fields { get; }

        /// <summary>Each dense field's columns among the <see cref="Scaler"/>'s (empty for a model without fields).</summary>
        public IReadOnlyList<StandardizedField> DenseFields { get; }

        /// <summary>
        /// A preparation fitted on <paramref name="train"/> (the training rows; of every task for a model with one input per task):
        /// the standardizer over all their rows unless <paramref name="standardize"/> is false, and every task's class names.
        /// </summary>
        public static DataPreparation Fit<TBatch>(IReadOnlyList<LabeledRows<TBatch>> train, bool standardize = true)
        {
            ArgumentNullException.ThrowIfNull(train);
            if (train.Count == 0 || train.Sum(t => t.Count) == 0)
            {
                throw new ArgumentException("Fit a preparation on at least one row.", nameof(train));
            }

            Standardizer? scaler = null;
            var layout = train[0].Layout;
            if (standardize && layout.Standardized > 0)
            {
                var fit = new Standardizer.Fit(layout.Standardized);
                foreach (var rows in train)
                {
                    fit.Add(rows.Store.Features.AsSpan(0, rows.Count * rows.Store.Width), rows.Store.Width);
                }

                scaler = fit.Build();
            }

            var tasks = train.SelectMany(t => t.Encodings).DistinctBy(e => e.Task).ToArray();
            return new DataPreparation(train[0].Features, scaler, tasks, layout.CellParts.Select(p => FitField(p, train)).ToArray(), layout.DenseFields);
        }

        /// <summary>The field's vocabulary over <paramref name="train"/>'s cells, its kind of values (ids or names) as they were read.</summary>
        private static FieldEncoding FitField<TBatch>(CellPart part, IReadOnlyList<LabeledRows<TBatch>> train)
        {
            var read = train[0].Fields.First(f => f.Field == part.Name);
            var builder = new FieldEncodingBuilder(part, train[0].Source, read.Values, countNames: true);
            foreach (var rows in train)
            {
                var store = rows.Store;
                var cells = new string?[store.Count];
                for (var r = 0; r < cells.Length; r++)
                {
                    cells[r] = store.Cells[(r * store.CellWidth) + part.Slot];
                }

                builder.Observe(cells);
            }

            return builder.Build();
        }

        /// <summary>The file <see cref="SaveBeside"/> writes for the model file <paramref name="modelPath"/>: <c>modelPath + ".data.json"</c>.</summary>
        public static string PathBeside(string modelPath) => modelPath + ".data.json";

        /// <summary>The class names of <paramref name="task"/> in index order; null when its column held numbers.</summary>
        public IReadOnlyList<string>? ClassNames(string task) => Encoding(task).Classes;

        /// <summary>
        /// The names of int64 class indices or 0/1 labels <paramref name="labels"/> <c>[N]</c> (e.g. <c>predictions.Digit.Classes</c>);
        /// the numbers themselves when the task's column held numbers.
        /// </summary>
        public string[] Names(string task, Tensor labels)
        {
            ArgumentNullException.ThrowIfNull(labels);
            var names = ClassNames(task);
            using var cpu = labels.to(CPU).to(ScalarType.Int64);
            var values = cpu.data<long>().ToArray();
            return Array.ConvertAll(values, v => names is null ? v.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : v >= 0 && v < names.Count ? names[(int)v] : throw new ArgumentOutOfRangeException(nameof(labels), v, $"Task '{task}' has {names.Count} classes."));
        }

        /// <summary>How the field named <paramref name="field"/> is read.</summary>
        public FieldEncoding Field(string field)
            => Fields.FirstOrDefault(f => f.Field == field) ?? throw new ArgumentException($"No categorical or text field '{field}' in this preparation (its fields: {string.Join(", ", Fields.Select(f => f.Field))}).", nameof(field));

        /// <summary>
        /// The ids of new cells of the categorical or text field <paramref name="field"/>, as the training rows got them: int64 <c>[N]</c>
        /// for a categorical field with one value per row, else <c>[N, width]</c>. A name or word the training rows did not have gets
        /// the field's unknown id (<see cref="FieldEncoding.Unknown"/>).
        /// </summary>
        /// <exception cref="ArgumentException">A cell is not an id of a column of ids, holds too many values, or is missing from a single-valued field.</exception>
        public Tensor Encode(string field, IReadOnlyList<string?> cells)
        {
            ArgumentNullException.ThrowIfNull(cells);
            var encoder = EncoderOf(field);
            var encoding = encoder.Encoding;
            var ids = new long[cells.Count * encoding.Width];
            for (var r = 0; r < cells.Count; r++)
            {
                if (encoder.Encode(cells[r], ids.AsSpan(r * encoding.Width, encoding.Width)) is { } problem)
                {
                    throw new ArgumentException($"Field '{field}', row {r}: {problem}.", nameof(cells));
                }
            }

            long[] shape = encoding.Values == FieldValues.Words || encoding.Width > 1 ? [cells.Count, encoding.Width] : [cells.Count];
            return torch.tensor(ids, shape, ScalarType.Int64);
        }

        /// <summary>New values <c>[N, size]</c> of the dense field <paramref name="field"/> standardized as the training rows were (unchanged without a scaler).</summary>
        public Tensor Prepare(string field, Tensor values)
        {
            ArgumentNullException.ThrowIfNull(values);
            var dense = DenseFields.FirstOrDefault(f => f.Field == field)
                ?? throw new ArgumentException($"No dense field '{field}' in this preparation (its dense fields: {string.Join(", ", DenseFields.Select(f => f.Field))}).", nameof(field));
            if (Scaler is null)
            {
                return values.alias();
            }

            var columns = new Standardizer(Scaler.Mean.Skip(dense.First).Take(dense.Width).ToArray(), Scaler.Scale.Skip(dense.First).Take(dense.Width).ToArray());
            return columns.Apply(values);
        }

        /// <summary>The encoder of the field named <paramref name="field"/>, made once (its vocabulary's lookup is built then).</summary>
        internal CellEncoder EncoderOf(string field) => encoders.GetOrAdd(field, name => new CellEncoder(Field(name)));

        /// <summary>New input rows <c>[N, features]</c> standardized as the training rows were (unchanged without a scaler).</summary>
        public Tensor Prepare(Tensor input)
        {
            ArgumentNullException.ThrowIfNull(input);
            return Scaler?.Apply(input) ?? input.alias();
        }

        /// <summary>Writes this preparation as JSON to <see cref="PathBeside"/> of <paramref name="modelPath"/>.</summary>
        public void SaveBeside(string modelPath) => Save(PathBeside(modelPath));

        /// <summary>The preparation <see cref="SaveBeside"/> wrote for <paramref name="modelPath"/>.</summary>
        public static DataPreparation LoadBeside(string modelPath) => Load(PathBeside(modelPath));

        /// <summary>Writes this preparation as JSON to <paramref name="path"/>, through a temporary file renamed over it.</summary>
        public void Save(string path)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            var stored = new Stored(Features.ToArray(), Scaler?.Mean.ToArray(), Scaler?.Scale.ToArray(), Tasks.Select(t => new StoredTask(t.Task, t.Classes?.ToArray())).ToArray(), Fields.ToArray(), DenseFields.ToArray());
            var temporary = path + ".tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(stored, Json));
            File.Move(temporary, path, overwrite: true);
        }

        /// <summary>The preparation <see cref="Save"/> wrote to <paramref name="path"/>.</summary>
        /// <exception cref="DataFileException">The file is not a data preparation.</exception>
        public static DataPreparation Load(string path)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            try
            {
                var stored = JsonSerializer.Deserialize<Stored>(File.ReadAllText(path), Json) ?? throw new JsonException("empty");
                var scaler = stored.Mean is null ? null : new Standardizer(stored.Mean, stored.Scale ?? throw new JsonException("a mean without a scale"));
                return new DataPreparation(stored.Features, scaler, stored.Tasks.Select(t => new TaskEncoding(t.Task, t.Classes)).ToArray(), stored.Fields ?? [], stored.DenseFields);
            }
            catch (Exception e) when (e is JsonException or ArgumentException or NullReferenceException)
            {
                throw new DataFileException(path, "not a data preparation written by DataPreparation.Save: " + e.Message, inner: e);
            }
        }

        private TaskEncoding Encoding(string task)
            => Tasks.FirstOrDefault(t => t.Task == task) ?? throw new ArgumentException($"No task '{task}' in this preparation (its tasks: {string.Join(", ", Tasks.Select(t => t.Task))}).", nameof(task));

        private sealed record Stored(string[] Features, float[]? Mean, float[]? Scale, StoredTask[] Tasks, FieldEncoding[]? Fields, StandardizedField[]? DenseFields);

        private sealed record StoredTask(string Task, string[]? Classes);
    }
}
