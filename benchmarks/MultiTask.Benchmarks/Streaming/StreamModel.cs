using MultiTask;

namespace MultiTask.Benchmarks.Streaming;

/// <summary>The streaming workload's model: 128 features, a shared trunk, one task of each kind.</summary>
[MultiTaskModel(InputSize = 128)]
public partial class StreamModel
{
    [SharedTrunk(64)]
    public partial Trunk Shared { get; }

    [ClassificationHead(Classes = 4)]
    public partial Head Largest { get; }

    [BinaryHead]
    public partial Head Positive { get; }

    [RegressionHead]
    public partial Head Sum { get; }
}
