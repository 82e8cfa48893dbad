using System.Collections.Generic;
using System.Linq;
using MultiTask.Data.Reading;

namespace MultiTask.Data.Encoding
{
    /// <summary>A column map matched against one file's columns: its inputs, the read plan, and which of its slots each task reads.</summary>
    internal sealed class ResolvedColumns
    {
        private ResolvedColumns(InputLayout inputs, ReadPlan plan, IReadOnlyList<ResolvedTask> tasks)
        {
            Inputs = inputs;
            Plan = plan;
            Tasks = tasks;
        }

        public InputLayout Inputs { get; }

        public ReadPlan Plan { get; }

        public IReadOnlyList<ResolvedTask> Tasks { get; }

        /// <summary>The standardized feature columns as messages name them.</summary>
        public string[] FeatureNames => Inputs.FeatureNames;

        /// <summary>
        /// The plan for <paramref name="tasks"/> of <paramref name="map"/>, with the input numbers unless <paramref name="withNumbers"/>
        /// is false and the fields' cells unless <paramref name="withCells"/> is false.
        /// </summary>
        public static ResolvedColumns Resolve(ModelColumnMap map, IEnumerable<TaskColumn> tasks, ITableReader reader, bool withNumbers = true, bool withCells = true)
        {
            var inputs = InputLayout.Resolve(map, reader);
            var numbers = new List<int>();
            var texts = new List<int>();
            var resolved = new List<ResolvedTask>();
            foreach (var (task, target) in tasks.Select(t => (t.Task, t.Column)))
            {
                var columns = target.Columns.Select(c => ColumnFinder.Find(c, reader, $"task '{task.Name}'")).ToArray();
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

            var plan = new ReadPlan(withNumbers ? inputs.NumericColumns : [], numbers.ToArray(), texts.ToArray(), withCells ? inputs.CellColumns : []);
            return new ResolvedColumns(inputs, plan, resolved);
        }
    }

    /// <summary>A task's target slots in a <see cref="ReadPlan"/>: text slots for classes and binary labels, numeric for values.</summary>
    internal sealed record ResolvedTask(TaskDefinition Task, TargetColumn Column, int[] Slots, string[] ColumnNames, bool IsText);
}
