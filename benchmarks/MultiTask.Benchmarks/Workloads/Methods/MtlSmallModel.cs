using MultiTask;
using MultiTask.Benchmarks.Weighting;

namespace MultiTask.Benchmarks.Methods;

/// <summary>
/// Issue 10's mtl-small, the MMoE paper's shared bottom: input 100, trunk 113 ReLU, towers 8-1, two regression tasks. Declared
/// once; <see cref="MtlSmallWith"/> trains it with any method of <see cref="WeightingMethods"/>.
/// </summary>
[MultiTaskModel(InputSize = 100)]
public partial class MtlSmallModel
{
    [SharedTrunk(113)] public partial Trunk Bottom { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head A { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head B { get; }
}

/// <summary>
/// <see cref="MtlSmallModel"/> trained with <paramref name="method"/> in place of the declared weighting: it re-implements only
/// <see cref="IMultiTaskNetwork{TBatch}.Weighting"/>, so the generated step, parts and trainer are the ones a user gets.
/// </summary>
internal sealed class MtlSmallWith : MtlSmallModel, IMultiTaskNetwork<MtlSmallModel.Batch>
{
    private readonly LossWeighting weighting;

    public MtlSmallWith(WeightingMethod method) => weighting = method.Register(this);

    LossWeighting IMultiTaskNetwork<Batch>.Weighting => weighting;
}
