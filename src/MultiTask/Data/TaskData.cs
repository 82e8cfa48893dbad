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

        /// <summary>The rows at the int64 indices <paramref name="rows"/>.</summary>
        public TaskData Select(Tensor rows)
        {
            ArgumentNullException.ThrowIfNull(rows);
            return new TaskData(Input.index_select(0, rows), Target.Select(rows));
        }
    }
}
