using MultiTask;
using MultiTask.Benchmarks.Weighting;

namespace MultiTask.Benchmarks.HpsMethods;

/// <summary>
/// The hps trunk (784-512-256 ReLU) with four heads: the digit (10 classes), whether it is even, whether it is at least 5, and
/// its score (regression). Declared once; <see cref="Hps4With"/> trains it with any method of <see cref="WeightingMethods"/>.
/// </summary>
[MultiTaskModel(InputSize = HpsTaskData.InputSize)]
public partial class Hps4Model
{
    [SharedTrunk(512, 256)] public partial Trunk Body { get; }
    [ClassificationHead(Classes = 10)] public partial Head Digit { get; }
    [BinaryHead] public partial Head Even { get; }
    [BinaryHead] public partial Head Large { get; }
    [RegressionHead] public partial Head Score { get; }
}

/// <summary><see cref="Hps4Model"/> trained with <paramref name="method"/> in place of the declared weighting (see <c>MtlSmallWith</c>).</summary>
internal sealed class Hps4With : Hps4Model, IMultiTaskNetwork<Hps4Model.Batch>
{
    private readonly LossWeighting weighting;

    public Hps4With(WeightingMethod method) => weighting = method.Register(this);

    LossWeighting IMultiTaskNetwork<Batch>.Weighting => weighting;
}
