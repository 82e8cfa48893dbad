using MultiTask;

namespace MultiTask.Benchmarks.Mmoe;

/// <summary>The mmoe workload declared with the DSL: 8 experts of one 64-unit ReLU layer, a softmax gate per task, two regression towers 64-32-1.</summary>
[MultiTaskModel(InputSize = 100)]
public partial class MmoeModel
{
    [MixtureOfExperts(Experts = 8, Hidden = new[] { 64 })]
    public partial MixtureOfExperts Experts { get; }

    [RegressionHead(Hidden = new[] { 32 })]
    public partial Head First { get; }

    [RegressionHead(Hidden = new[] { 32 })]
    public partial Head Second { get; }
}
