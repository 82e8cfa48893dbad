using MultiTask;

namespace MultiTask.Benchmarks.Hps;

/// <summary>The hps workload declared with the DSL: trunk 784-512-256 ReLU, a 10-class head and a binary head.</summary>
[MultiTaskModel(InputSize = 784)]
public partial class HpsModel
{
    [SharedTrunk(512, 256)]
    public partial Trunk Body { get; }

    [ClassificationHead(Classes = 10)]
    public partial Head Digit { get; }

    [BinaryHead]
    public partial Head Flag { get; }
}
