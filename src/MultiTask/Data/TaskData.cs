using System;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>One task's own data set, for a model with one input per task: input rows and their targets.</summary>
    /// <param name="Input">Input rows <c>[N, InputSize]</c>.</param>
    /// <param name="Target">The task's targets for the same N rows.</param>
    public sealed record TaskData(Tensor Input, TaskTarget Target)
    {
        /// <summary>Number of rows.</summary>
        public long Rows => Input.size(0);

        /// <summary>
        /// This data set checked for <paramref name="task"/> of <paramref name="model"/>: the input as in
        /// <see cref="ModelInput.Checked"/>, the target as in <see cref="TaskDefinition.CheckDataSet"/>.
        /// </summary>
        /// <exception cref="ArgumentException">The input or the target is bad; the message names the model or the task.</exception>
        public TaskData Checked(TaskDefinition task, int inputSize, string model)
        {
            ArgumentNullException.ThrowIfNull(task);
            var input = ModelInput.Checked(Input, inputSize, $"{model} (the input of task '{task.Name}')");
            var target = task.CheckDataSet(Target, input.size(0));
            return ReferenceEquals(input, Input) && ReferenceEquals(target, Target) ? this : new TaskData(input, target);
        }

        /// <summary>The rows at the int64 indices <paramref name="rows"/>.</summary>
        public TaskData Select(Tensor rows)
        {
            ArgumentNullException.ThrowIfNull(rows);
            return new TaskData(Input.index_select(0, rows), Target.Select(rows));
        }
    }
}
