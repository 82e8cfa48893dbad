using System;
using System.Collections.Generic;
using System.Linq;
using MultiTask.Data.Reading;

namespace MultiTask.Data.Encoding
{
    /// <summary>Encodes a chunk's rows into a <see cref="RowStore"/>: features copied, each task's cells turned into its labels.</summary>
    internal sealed class RowEncoder
    {
        private readonly ResolvedColumns columns;
        private readonly ITableReader reader;
        private readonly Dictionary<string, int>?[] classIndex;
        private readonly CellPart[] cellParts;
        private readonly CellEncoder[] cellChecks;
        private readonly long[] ids;

        /// <param name="columns">The file's columns.</param>
        /// <param name="encodings">How each task's column is read.</param>
        /// <param name="fields">How each categorical field's cells are read (ids or names), which decides what a bad cell is.</param>
        /// <param name="reader">The file, for messages.</param>
        public RowEncoder(ResolvedColumns columns, IReadOnlyList<TaskEncoding> encodings, IReadOnlyList<FieldEncoding> fields, ITableReader reader)
        {
            this.columns = columns;
            this.reader = reader;
            classIndex = columns.Tasks.Select(t => encodings.FirstOrDefault(e => e.Task == t.Task.Name)?.Classes is { } names
                ? names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal)
                : null).ToArray();
            cellParts = columns.Inputs.CellParts.ToArray();
            cellChecks = cellParts.Select(p => new CellEncoder((fields.FirstOrDefault(f => f.Field == p.Name) ?? p.Template) with { Vocabulary = null })).ToArray();
            ids = new long[cellParts.Select(p => p.Template.Width).DefaultIfEmpty(0).Max()];
        }

        /// <summary>Row <paramref name="row"/> of <paramref name="chunk"/> into row <paramref name="at"/> of <paramref name="store"/>.</summary>
        public void Encode(RowChunk chunk, int row, RowStore store, int at)
        {
            var width = store.Width;
            Array.Copy(chunk.Features, row * width, store.Features, at * width, width);
            for (var c = 0; c < cellParts.Length; c++)
            {
                var cell = chunk.Cells[c][row];
                if (!cellParts[c].IsText && cellChecks[c].Encode(cell, ids.AsSpan(0, cellParts[c].Template.Width)) is { } problem)
                {
                    throw new DataFileException(reader.File, $"field '{cellParts[c].Name}': {problem}", chunk.Lines[row], cellParts[c].ColumnName);
                }

                store.Cells[(at * store.CellWidth) + c] = cell;
            }

            for (var t = 0; t < columns.Tasks.Count; t++)
            {
                var task = columns.Tasks[t];
                var target = store.Targets[t];
                if (task.IsText)
                {
                    EncodeLabel(task, classIndex[t], chunk, row, target, at);
                }
                else
                {
                    EncodeValues(task, chunk, row, target, at);
                }
            }
        }

        private static void EncodeValues(ResolvedTask task, RowChunk chunk, int row, TargetBuffer target, int at)
        {
            var present = true;
            for (var c = 0; c < task.Slots.Length; c++)
            {
                double value = chunk.Numbers[task.Slots[c]][row];
                if (task.Column.Transform is { } transform && !double.IsNaN(value))
                {
                    value = transform(value);
                }

                present &= !double.IsNaN(value);
                target.Values![(at * target.Width) + c] = (float)value;
            }

            target.Present[at] = present;
        }

        private void EncodeLabel(ResolvedTask task, Dictionary<string, int>? names, RowChunk chunk, int row, TargetBuffer target, int at)
        {
            var cell = chunk.Texts[task.Slots[0]][row];
            double label = 0;
            var present = cell is not null;
            if (cell is not null && names is not null)
            {
                label = names.TryGetValue(cell, out var index)
                    ? index
                    : throw Error(task, chunk, row, $"'{cell}' is not one of the classes of '{task.Task.Name}' ({string.Join(", ", names.Keys.Take(12))})");
            }
            else if (cell is not null)
            {
                label = Cells.TryNumber(cell, out var number) ? number : throw Error(task, chunk, row, $"'{cell}' is not a number");
                label = task.Column.Transform is { } transform ? transform(label) : label;
            }

            target.Present[at] = present;
            if (target.Classes is not null)
            {
                target.Classes[at] = label == Math.Floor(label) && Math.Abs(label) < 1e15
                    ? (long)label
                    : throw Error(task, chunk, row, $"'{cell}' is not a class index (a whole number)");
            }
            else
            {
                target.Values![at] = (float)label;
            }
        }

        private DataFileException Error(ResolvedTask task, RowChunk chunk, int row, string problem)
            => new(reader.File, problem, chunk.Lines[row], task.ColumnNames[0]);
    }
}
