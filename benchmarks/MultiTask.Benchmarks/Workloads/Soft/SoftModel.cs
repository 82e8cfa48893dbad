using MultiTask;

namespace MultiTask.Benchmarks.Soft;

/// <summary>The soft workload declared with the DSL: three regression towers 64-128-128-1 pulled together by the L2-to-mean penalty.</summary>
[MultiTaskModel(InputSize = 64)]
[SoftSharing(Lambda = 1e-3)]
public partial class SoftModel
{
    [RegressionHead(Hidden = new[] { 128, 128 })]
    public partial Head First { get; }

    [RegressionHead(Hidden = new[] { 128, 128 })]
    public partial Head Second { get; }

    [RegressionHead(Hidden = new[] { 128, 128 })]
    public partial Head Third { get; }
}
