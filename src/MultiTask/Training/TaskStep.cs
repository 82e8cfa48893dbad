using System.Collections.Generic;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>The result of one forward-and-loss step, one entry per task in <see cref="IMultiTaskNetwork{TBatch}.Tasks"/> order.</summary>
    /// <param name="Total">The weighted total loss to back-propagate.</param>
    /// <param name="Losses">Each task's loss (mean over its present labels).</param>
    /// <param name="Outputs">Each task's output; null for a task absent from the batch (a model with one input per task).</param>
    /// <param name="Targets">Each task's target; null for a task absent from the batch. An absent task counts in no metric.</param>
    public sealed record TaskStep(Tensor Total, IReadOnlyList<Tensor> Losses, IReadOnlyList<Tensor?> Outputs, IReadOnlyList<TaskTarget?> Targets);
}
