using System.Collections.Generic;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// One forward-and-loss step, one entry per task in <see cref="IMultiTaskNetwork{TBatch}.Tasks"/> order: what a
    /// <see cref="LossWeighting"/> back-propagates and what the metrics and callbacks read. Its tensors belong to the step's
    /// dispose scope.
    /// </summary>
    /// <param name="Total">
    /// The declared static total, <c>sum_i w_i L_i</c> plus every <see cref="Auxiliary"/> term (what <c>Losses.Total</c> is);
    /// <see cref="StaticWeighting"/> back-propagates it, and the metrics report it as the loss.
    /// </param>
    /// <param name="Losses">Each task's loss (mean over its present labels), unweighted.</param>
    /// <param name="Outputs">Each task's output; null for a task absent from the batch (a model with one input per task).</param>
    /// <param name="Targets">Each task's target; null for a task absent from the batch. An absent task counts in no metric.</param>
    public sealed record TaskStep(Tensor Total, IReadOnlyList<Tensor> Losses, IReadOnlyList<Tensor?> Outputs, IReadOnlyList<TaskTarget?> Targets)
    {
        /// <summary>The model's own loss terms beside the tasks (soft-sharing penalty, reconstruction), always added with their declared weights.</summary>
        public IReadOnlyList<AuxiliaryLoss> Auxiliary { get; init; } = [];

        /// <summary>What the heads read (null for a model without a shared component); representation-gradient methods use it.</summary>
        public SharedRepresentation? Representation { get; init; }

        /// <summary>Whether task <paramref name="task"/> has data in this step (always, with one shared input).</summary>
        public bool IsPresent(int task) => Outputs[task] is not null;
    }
}
