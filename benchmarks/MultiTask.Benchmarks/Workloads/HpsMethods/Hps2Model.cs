using MultiTask;
using MultiTask.Benchmarks.Weighting;

namespace MultiTask.Benchmarks.HpsMethods;

/// <summary>
/// The hps workload's model (trunk 784-512-256 ReLU, a 10-class and a binary head), declared again so that
/// <see cref="Hps2With"/> can train it with any method of <see cref="WeightingMethods"/>.
/// </summary>
[MultiTaskModel(InputSize = HpsTaskData.InputSize)]
public partial class Hps2Model
{
    [SharedTrunk(512, 256)] public partial Trunk Body { get; }
    [ClassificationHead(Classes = 10)] public partial Head Digit { get; }
    [BinaryHead] public partial Head Even { get; }
}

/// <summary><see cref="Hps2Model"/> trained with <paramref name="method"/> in place of the declared weighting (see <c>MtlSmallWith</c>).</summary>
internal sealed class Hps2With : Hps2Model, IMultiTaskNetwork<Hps2Model.Batch>
{
    private readonly LossWeighting weighting;

    public Hps2With(WeightingMethod method) => weighting = method.Register(this);

    LossWeighting IMultiTaskNetwork<Batch>.Weighting => weighting;
}
