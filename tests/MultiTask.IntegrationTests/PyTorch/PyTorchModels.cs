using MultiTask;

namespace MultiTask.IntegrationTests;

/// <summary>Hard sharing with every layer the export translates: layer norm, GELU, dropout, a head tower, three task kinds, a learned weighting.</summary>
[MultiTaskModel(InputSize = 5)]
[UncertaintyWeighting]
public partial class InteropHardModel
{
    [SharedTrunk(8, 6, Activation = Activation.GELU, Dropout = 0.2, LayerNorm = true)] public partial Trunk Body { get; }
    [ClassificationHead(Classes = 3, LabelSmoothing = 0.1, ClassWeights = new[] { 1.0, 2.5, 0.5 })] public partial Head Kind { get; }
    [BinaryHead(Hidden = new[] { 4 }, PositiveWeight = 2, Weight = 0.5)] public partial Head Flag { get; }
    [RegressionHead(Outputs = 2, Loss = RegressionLoss.Huber, HuberDelta = 0.5)] public partial Head Amount { get; }
}

/// <summary>Cross-stitch towers (two layers, layer norm, mixed after each) for the export.</summary>
[MultiTaskModel(InputSize = 4)]
public partial class InteropCrossStitchModel
{
    [CrossStitch(Hidden = new[] { 6, 5 }, LayerNorm = true, SelfWeight = 0.7)] public partial CrossStitchNetwork Towers { get; }
    [BinaryHead(Hidden = new[] { 3 })] public partial Head Click { get; }
    [RegressionHead] public partial Head Amount { get; }
}
