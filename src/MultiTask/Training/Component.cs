using TorchSharp;

namespace MultiTask
{
    /// <summary>Per-component optimizer settings; unset values fall back to the <see cref="TrainingOptions{TMetrics}"/> ones.</summary>
    public sealed record ComponentOptions
    {
        /// <summary>Learning rate of this component's parameter group, or null for the trainer's.</summary>
        public double? LearningRate { get; init; }

        /// <summary>Weight decay of this component's parameter group, or null for the trainer's.</summary>
        public double? WeightDecay { get; init; }
    }

    /// <summary>A named part of a model (trunk, head, ...) that becomes one optimizer parameter group.</summary>
    /// <param name="Name">The component's name (its property name).</param>
    /// <param name="Module">The module whose parameters form the group.</param>
    /// <param name="Options">The group's learning rate and weight decay.</param>
    public sealed record Component(string Name, torch.nn.Module Module, ComponentOptions Options);
}
