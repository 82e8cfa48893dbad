using System.Collections.Generic;

namespace MultiTask
{
    /// <summary>
    /// A multi-task model the trainer can drive: its tasks, in order, one forward-and-loss step per batch, its loss weighting,
    /// and which of its parts the tasks share.
    /// </summary>
    /// <typeparam name="TBatch">The model's batch type.</typeparam>
    public interface IMultiTaskNetwork<TBatch>
    {
        /// <summary>The tasks, in the order of <see cref="TaskStep.Losses"/>, <see cref="TaskStep.Outputs"/> and <see cref="TaskStep.Targets"/>.</summary>
        IReadOnlyList<TaskDefinition> Tasks { get; }

        /// <summary>The declared loss weighting (<see cref="StaticWeighting"/> by default); a submodule, so its parameters are in the state dict.</summary>
        LossWeighting Weighting { get; }

        /// <summary>The modules the tasks share and each task's own.</summary>
        ModelParts Parts { get; }

        /// <summary>Runs the forward pass on <paramref name="batch"/> and computes every task's loss, the auxiliary terms and the declared total.</summary>
        TaskStep Step(TBatch batch);

        /// <summary><paramref name="batch"/> with every tensor on <paramref name="device"/>.</summary>
        TBatch ToDevice(TBatch batch, TorchSharp.torch.Device device);
    }
}
