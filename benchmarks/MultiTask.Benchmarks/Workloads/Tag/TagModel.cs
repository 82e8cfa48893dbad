using MultiTask;

namespace MultiTask.Benchmarks.Tag;

/// <summary>The task-affinity workload: trunk 128-256-128 ReLU and four regression heads.</summary>
[MultiTaskModel(InputSize = 128)]
public partial class TagModel
{
    [SharedTrunk(256, 128)]
    public partial Trunk Body { get; }

    [RegressionHead(Hidden = new[] { 32 })] public partial Head T1 { get; }
    [RegressionHead(Hidden = new[] { 32 })] public partial Head T2 { get; }
    [RegressionHead(Hidden = new[] { 32 })] public partial Head T3 { get; }
    [RegressionHead(Hidden = new[] { 32 })] public partial Head T4 { get; }
}
