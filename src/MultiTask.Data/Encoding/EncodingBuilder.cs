using System;
using System.Collections.Generic;
using System.Linq;
using MultiTask.Data.Reading;

namespace MultiTask.Data.Encoding
{
    /// <summary>
    /// Watches one class or binary column and decides how to read it: as numbers when every value is one, else as the
    /// ordinally sorted names (unless the column map fixed the names).
    /// </summary>
    internal sealed class EncodingBuilder
    {
        private const int MostNames = 100_000;
        private readonly ResolvedTask task;
        private readonly string file;
        private readonly HashSet<string> seen = new(StringComparer.Ordinal);
        private bool allNumbers = true;

        public EncodingBuilder(ResolvedTask task, string file)
        {
            this.task = task;
            this.file = file;
        }

        public void Observe(RowChunk chunk)
        {
            var cells = chunk.Texts[task.Slots[0]];
            for (var r = 0; r < chunk.Count; r++)
            {
                if (cells[r] is { } cell && seen.Add(cell))
                {
                    allNumbers &= Cells.TryNumber(cell, out _);
                    if (seen.Count > MostNames)
                    {
                        throw new DataFileException(file, $"task '{task.Task.Name}' reads over {MostNames} distinct values; is it the right column?", column: task.ColumnNames[0]);
                    }
                }
            }
        }

        public TaskEncoding Build()
        {
            var name = task.Task.Name;
            if (task.Column.Classes is { } fixedNames)
            {
                return new TaskEncoding(name, fixedNames);
            }

            if (allNumbers)
            {
                return new TaskEncoding(name, null);
            }

            var names = seen.Order(StringComparer.Ordinal).ToArray();
            var limit = task.Task is ClassificationTask classes ? classes.Classes : 2;
            if (names.Length > limit)
            {
                var shown = string.Join(", ", names.Take(12).Select(n => $"'{n}'")) + (names.Length > 12 ? ", ..." : string.Empty);
                throw new DataFileException(file, $"task '{name}' has {limit} classes, but its column holds {names.Length} names: {shown}", column: task.ColumnNames[0]);
            }

            return new TaskEncoding(name, names);
        }
    }
}
