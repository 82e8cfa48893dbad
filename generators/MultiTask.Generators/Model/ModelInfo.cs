namespace MultiTask.Generators.Model
{
    /// <summary>Everything the emitter needs for one model; equatable, free of symbols, syntax and locations.</summary>
    /// <param name="LearningRate">The model's default learning rate; null when <c>[MultiTaskModel]</c> does not set it.</param>
    internal sealed record ModelInfo(HierarchyInfo Hierarchy, int InputSize, double? LearningRate, TrunkInfo? Trunk, EquatableArray<HeadInfo> Heads);

    /// <summary>The shared trunk: a partial property of type <c>MultiTask.Trunk</c>.</summary>
    /// <param name="Accessibility">The property's accessibility keywords, repeated on the implementation part.</param>
    /// <param name="WeightDecay">Null when the attribute does not set it.</param>
    internal sealed record TrunkInfo(
        string Name,
        string Accessibility,
        EquatableArray<int> Hidden,
        string Activation,
        double Dropout,
        bool LayerNorm,
        double? WeightDecay);

    /// <summary>A task head: a partial property of type <c>MultiTask.Head</c> and the task it trains.</summary>
    /// <param name="LearningRate">Null when the attribute does not set it.</param>
    /// <param name="WeightDecay">Null when the attribute does not set it.</param>
    internal sealed record HeadInfo(
        string Name,
        string Accessibility,
        EquatableArray<int> Hidden,
        string Activation,
        double Weight,
        double? LearningRate,
        double? WeightDecay,
        TaskInfo Task);

    /// <summary>The kind of task of a head, with its kind-specific settings.</summary>
    internal abstract record TaskInfo
    {
        /// <summary>Width of the head's output layer.</summary>
        public abstract int Outputs { get; }
    }

    internal sealed record ClassificationTaskInfo(int Classes, double LabelSmoothing, int TopK) : TaskInfo
    {
        public override int Outputs => Classes;
    }

    /// <param name="PositiveWeight">Null when the attribute does not set it.</param>
    internal sealed record BinaryTaskInfo(double? PositiveWeight, double Threshold) : TaskInfo
    {
        public override int Outputs => 1;
    }

    internal sealed record RegressionTaskInfo(int Values, string Loss, double HuberDelta) : TaskInfo
    {
        public override int Outputs => Values;
    }
}
