using System.Collections.Generic;

namespace MultiTask
{
    /// <summary>A multi-task model the trainer can drive: its tasks, in order, and one forward-and-loss step per batch.</summary>
    /// <typeparam name="TBatch">The model's batch type.</typeparam>
    public interface IMultiTaskNetwork<TBatch>
    {
        /// <summary>The tasks, in the order of <see cref="TaskStep.Losses"/>, <see cref="TaskStep.Outputs"/> and <see cref="TaskStep.Targets"/>.</summary>
        IReadOnlyList<TaskDefinition> Tasks { get; }

        /// <summary>Runs the forward pass on <paramref name="batch"/> and computes every task's loss and the total.</summary>
        TaskStep Step(TBatch batch);
    }
}
