using System;
using System.Collections.Generic;

namespace MultiTask
{
    /// <summary>
    /// What every model's column map says, whatever its inputs: the model's name and one <see cref="TargetColumn"/> per task.
    /// A model with one input vector derives <see cref="ColumnMap"/>, a model with input fields <see cref="FieldColumnMap{TBatch}"/>.
    /// </summary>
    public abstract class ModelColumnMap
    {
        /// <summary>Called by the column map kinds.</summary>
        private protected ModelColumnMap(string modelName)
        {
            ArgumentException.ThrowIfNullOrEmpty(modelName);
            ModelName = modelName;
        }

        /// <summary>The model's name, for messages.</summary>
        public string ModelName { get; }

        /// <summary>Every task, in the model's order, with its target's columns.</summary>
        public abstract IReadOnlyList<TaskColumn> TaskColumns { get; }
    }
}
