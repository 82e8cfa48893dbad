using System;
using System.Collections.Generic;
using System.Linq;
using MultiTask.Data.Reading;

namespace MultiTask.Data.Encoding
{
    /// <summary>A column map matched against one file's columns: the read plan, and which of its slots each task reads.</summary>
    internal sealed class ResolvedColumns
    {
        private ResolvedColumns(ReadPlan plan, IReadOnlyList<ResolvedTask> tasks, string[] featureNames)
        {
            Plan = plan;
            Tasks = tasks;
            FeatureNames = featureNames;
        }

        public ReadPlan Plan { get; }

        public IReadOnlyList<ResolvedTask> Tasks { get; }

        /// <summary>The feature columns as messages name them.</summary>
        public string[] FeatureNames { get; }

        /// <summary>The plan for <paramref name="tasks"/> of <paramref name="map"/>, with the features unless <paramref name="withFeatures"/> is false.</summary>
        public static ResolvedColumns Resolve(ColumnMap map, IEnumerable<TaskColumn> tasks, ITableReader reader, bool withFeatures = true)
        {
            var features = FeatureColumns(map, reader);
            var numbers = new List<int>();
            var texts = new List<int>();
            var resolved = new List<ResolvedTask>();
            foreach (var (task, target) in tasks.Select(t => (t.Task, t.Column)))
            {
                var columns = target.Columns.Select(c => Find(c, reader, $"task '{task.Name}'")).ToArray();
                var width = task is RegressionTask regression ? regression.Outputs : 1;
                if (columns.Length != width)
                {
                    throw new DataFileException(reader.File, $"task '{task.Name}' needs {width} target column(s), the column map names {columns.Length}");
                }

                var isText = task is not RegressionTask;
                var slots = isText ? texts : numbers;
                var first = slots.Count;
                slots.AddRange(columns);
                resolved.Add(new ResolvedTask(task, target, Enumerable.Range(first, columns.Length).ToArray(), columns.Select(reader.ColumnName).ToArray(), isText));
            }

            var plan = new ReadPlan(withFeatures ? features : [], numbers.ToArray(), texts.ToArray());
            return new ResolvedColumns(plan, resolved, features.Select(reader.ColumnName).ToArray());
        }

        private static int[] FeatureColumns(ColumnMap map, ITableReader reader)
        {
            var spec = map.Features;
            int[] columns;
            if (spec.StartsWith is { } prefix)
            {
                var header = reader.Header ?? throw new DataFileException(reader.File, $"the file has no header, so {spec} cannot be found; give the columns by position");
                columns = Enumerable.Range(0, header.Count).Where(c => header[c].StartsWith(prefix, StringComparison.Ordinal)).ToArray();
            }
            else if (spec.First is { } first)
            {
                int from = Find(first, reader, "the features"), to = Find(spec.Last!.Value, reader, "the features");
                if (to < from)
                {
                    throw new DataFileException(reader.File, $"the feature range ends at {reader.ColumnName(to)}, before its first column {reader.ColumnName(from)}");
                }

                columns = Enumerable.Range(from, to - from + 1).ToArray();
            }
            else
            {
                columns = spec.Names.Select(c => Find(c, reader, "the features")).ToArray();
            }

            if (columns.Length != map.InputSize)
            {
                throw new DataFileException(reader.File, $"{spec} select {columns.Length} column(s), but {map.ModelName} takes {map.InputSize} inputs");
            }

            return columns;
        }

        private static int Find(FileColumn column, ITableReader reader, string user)
        {
            if (column.Name is not { } name)
            {
                return column.Index < reader.ColumnCount
                    ? column.Index
                    : throw new DataFileException(reader.File, $"{user} reads column {Cells.ColumnNumber(column.Index)} (#{column.Index}, from zero), but the file has {reader.ColumnCount} columns");
            }

            var header = reader.Header ?? throw new DataFileException(reader.File, $"{user} reads the column '{name}', but the file has no header; give the column by position", column: $"'{name}'");
            for (var c = 0; c < header.Count; c++)
            {
                if (header[c] == name)
                {
                    return c;
                }
            }

            var known = string.Join(", ", header.Take(12).Select(h => $"'{h}'")) + (header.Count > 12 ? ", ..." : string.Empty);
            throw new DataFileException(reader.File, $"{user} reads the column '{name}', which the file does not have (its columns: {known})", column: $"'{name}'");
        }
    }

    /// <summary>A task's target slots in a <see cref="ReadPlan"/>: text slots for classes and binary labels, numeric for values.</summary>
    internal sealed record ResolvedTask(TaskDefinition Task, TargetColumn Column, int[] Slots, string[] ColumnNames, bool IsText);
}
