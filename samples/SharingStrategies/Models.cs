using MultiTask;

namespace SharingStrategies;

// Four ways for the three physiological targets to share what they learn from the three exercise measurements.

/// <summary>No sharing: a tower per task and no pull between them (soft sharing with lambda 0).</summary>
[MultiTaskModel(InputSize = 3)]
[SoftSharing(Lambda = 0)]
public partial class IndependentModel
{
    [RegressionHead(Hidden = new[] { 8 })] public partial Head Weight { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head Waist { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head Pulse { get; }
}

/// <summary>Soft parameter sharing: the same towers, pulled towards their mean.</summary>
[MultiTaskModel(InputSize = 3)]
[SoftSharing(Lambda = 0.05)]
public partial class SoftSharingModel
{
    [RegressionHead(Hidden = new[] { 8 })] public partial Head Weight { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head Waist { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head Pulse { get; }
}

/// <summary>Hard parameter sharing: one trunk, a linear head per task.</summary>
[MultiTaskModel(InputSize = 3)]
public partial class HardSharingModel
{
    [SharedTrunk(8)] public partial Trunk Shared { get; }

    [RegressionHead] public partial Head Weight { get; }
    [RegressionHead] public partial Head Waist { get; }
    [RegressionHead] public partial Head Pulse { get; }
}

/// <summary>Feature-based sharing: the heads read a 2-wide code that must also reconstruct the input.</summary>
[MultiTaskModel(InputSize = 3)]
public partial class AutoencoderModel
{
    [AutoencoderTrunk(2, 8, ReconstructionWeight = 0.5)] public partial AutoencoderTrunk Code { get; }

    [RegressionHead(Hidden = new[] { 8 })] public partial Head Weight { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head Waist { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head Pulse { get; }
}
