using System;
using System.Collections.Generic;
using System.Linq;
using MultiTask.Data.Encoding;
using static TorchSharp.torch;

namespace MultiTask.Data
{
    /// <summary>
    /// Rows read from a file through a model's column map and held in memory: the features (as read, not yet standardized)
    /// and every task's labels, a missing label being a masked row. Split them, fit a <see cref="DataPreparation"/> on the
    /// training split, then make the model's batches.
    /// </summary>
    /// <typeparam name="TBatch">The model's batch type.</typeparam>
    public sealed class LabeledRows<TBatch>
    {
        private readonly RowStore store;

        internal LabeledRows(ModelColumnMap columns, InputLayout layout, RowStore store, IReadOnlyList<TaskEncoding> encodings, IReadOnlyList<FieldEncoding> fields, string source)
        {
            Columns = columns;
            Layout = layout;
            this.store = store;
            Encodings = encodings;
            Fields = fields;
            Source = source;
        }

        /// <summary>The model's column map.</summary>
        public ModelColumnMap Columns { get; }

        /// <summary>Number of rows.</summary>
        public int Count => store.Count;

        /// <summary>The file(s) the rows come from.</summary>
        public string Source { get; }

        /// <summary>How each task's target column was read (class names where it held names).</summary>
        public IReadOnlyList<TaskEncoding> Encodings { get; }

        /// <summary>How each categorical and text field's column was read: ids or names (their vocabularies are the preparation's).</summary>
        public IReadOnlyList<FieldEncoding> Fields { get; }

        /// <summary>The standardized feature columns (of a model with fields: its dense fields'), as messages name them.</summary>
        public IReadOnlyList<string> Features => Layout.FeatureNames;

        internal RowStore Store => store;

        internal InputLayout Layout { get; }

        /// <summary>
        /// Train, validation and test rows: a seeded shuffle, then the fractions <paramref name="validation"/> and
        /// <paramref name="test"/> (rounded) of the rows; with <paramref name="stratifyBy"/> (a classification or binary task's
        /// name), those fractions of every class (and of the rows without its label) so that each split keeps the class mix.
        /// </summary>
        public DataSplits<TBatch> Split(double validation, double test, int seed = 0, string? stratifyBy = null)
        {
            var strata = stratifyBy is null ? null : Strata(stratifyBy);
            var (train, validate, testRows) = RowSplit.Split(Count, validation, test, seed, strata);
            return new DataSplits<TBatch>(Subset(train, "train"), Subset(validate, "validation"), Subset(testRows, "test"));
        }

        /// <summary>A preparation fitted on these rows: the standardizer (unless <paramref name="standardize"/> is false) and the class names.</summary>
        public DataPreparation FitPreparation(bool standardize = true) => DataPreparation.Fit([this], standardize);

        /// <summary>The rows as tensors: float32 <c>[Count, InputSize]</c> features prepared by <paramref name="preparation"/>, and every task's target in task order.</summary>
        /// <exception cref="InvalidOperationException">The model has input fields: use <see cref="ToFieldTensors"/>.</exception>
        public (Tensor Input, TaskTarget[] Targets) ToTensors(DataPreparation preparation)
        {
            if (Columns is FieldColumnMap)
            {
                throw new InvalidOperationException($"{Columns.ModelName} has input fields: take their tensors with ToFieldTensors.");
            }

            var (inputs, targets) = ToFieldTensors(preparation);
            return (inputs[0], targets);
        }

        /// <summary>
        /// The rows as tensors, one per input field in the model's order (a model without fields: its features), prepared by
        /// <paramref name="preparation"/> (dense fields standardized, categorical and text cells turned into its ids), and every
        /// task's target in task order.
        /// </summary>
        public (Tensor[] Fields, TaskTarget[] Targets) ToFieldTensors(DataPreparation preparation)
        {
            ArgumentNullException.ThrowIfNull(preparation);
            CheckEncodings(preparation);
            return store.ToTensors(Layout, preparation, standardized: false);
        }

        /// <summary>The model's batches over these rows (its <c>Batch.From</c>), inputs prepared by <paramref name="preparation"/>.</summary>
        /// <exception cref="InvalidOperationException">The model takes one data set per task: use <see cref="PerTaskRows.Batches{TBatch}"/>.</exception>
        public IEnumerable<TBatch> Batches(DataPreparation preparation, int batchSize, bool shuffle = false, int seed = 0)
        {
            var maker = BatchMaker<TBatch>.Of(Columns);
            var (inputs, targets) = ToFieldTensors(preparation);
            return maker.Batches(inputs, targets, batchSize, shuffle, seed);
        }

        /// <summary>For a model with one input per task: these rows (of one task, read by <see cref="TableFile.ReadTask{TBatch}"/>) as its <see cref="TaskData"/>.</summary>
        public TaskData ToTaskData(DataPreparation preparation)
        {
            if (store.Targets.Length != 1)
            {
                throw new InvalidOperationException($"These rows hold {store.Targets.Length} tasks; read one task's file with TableFile.ReadTask.");
            }

            var (input, targets) = ToTensors(preparation);
            return new TaskData(input, targets[0]);
        }

        internal string TaskName => store.Targets.Length == 1 ? store.Targets[0].Task.Name : throw new InvalidOperationException("Not one task's rows.");

        private void CheckEncodings(DataPreparation preparation)
        {
            foreach (var mine in Encodings)
            {
                var theirs = preparation.Tasks.FirstOrDefault(t => t.Task == mine.Task);
                if (theirs is null || !(theirs.Classes ?? []).SequenceEqual(mine.Classes ?? []))
                {
                    throw new ArgumentException($"Task '{mine.Task}': these rows were read with other class names than the preparation's; fit it on rows from the same read.", nameof(preparation));
                }
            }

            foreach (var mine in Fields)
            {
                if (preparation.Field(mine.Field).Values == FieldValues.Ids && mine.Values != FieldValues.Ids)
                {
                    throw new ArgumentException($"Field '{mine.Field}': the preparation reads ids (whole numbers), but these rows' column holds names.", nameof(preparation));
                }
            }
        }

        private long[] Strata(string task)
        {
            var target = store.Targets.FirstOrDefault(t => t.Task.Name == task)
                ?? throw new ArgumentException($"No task '{task}' in these rows (tasks: {string.Join(", ", store.Targets.Select(t => t.Task.Name))}).", nameof(task));
            if (target.Task is RegressionTask)
            {
                throw new ArgumentException($"Task '{task}' is a regression; stratify by a classification or binary task.", nameof(task));
            }

            var strata = new long[Count];
            for (var r = 0; r < Count; r++)
            {
                strata[r] = !target.Present[r] ? -1 : target.Classes?[r] ?? (long)target.Values![r];
            }

            return strata;
        }

        private LabeledRows<TBatch> Subset(int[] rows, string part) => new(Columns, Layout, store.Select(rows), Encodings, Fields, $"{Source} ({part})");
    }

    /// <summary>The train, validation and test rows of a <see cref="LabeledRows{TBatch}.Split"/>.</summary>
    public sealed record DataSplits<TBatch>(LabeledRows<TBatch> Train, LabeledRows<TBatch> Validation, LabeledRows<TBatch> Test);
}
