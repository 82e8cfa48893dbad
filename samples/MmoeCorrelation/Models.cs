using MultiTask;

namespace MmoeCorrelation;

// The MMoE paper's synthetic experiment (Ma et al. 2018, section 3.2): two regression tasks whose correlation is
// controlled; a shared bottom against MMoE with about the same number of parameters.

/// <summary>Shared bottom: one 128-unit trunk (about as many parameters as the experts), an 8-unit tower per task.</summary>
[MultiTaskModel(InputSize = 100)]
public partial class SharedBottomModel
{
    [SharedTrunk(128)] public partial Trunk Bottom { get; }

    [RegressionHead(Hidden = new[] { 8 })] public partial Head Task1 { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head Task2 { get; }
}

/// <summary>MMoE: eight 16-unit experts, a softmax gate per task, an 8-unit tower per task.</summary>
[MultiTaskModel(InputSize = 100)]
public partial class MmoeModel
{
    [MixtureOfExperts(Experts = 8, Hidden = new[] { 16 })] public partial MixtureOfExperts Experts { get; }

    [RegressionHead(Hidden = new[] { 8 })] public partial Head Task1 { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head Task2 { get; }
}
