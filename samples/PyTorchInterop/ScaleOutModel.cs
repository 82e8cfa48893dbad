using MultiTask;

namespace Samples.PyTorchInterop;

/// <summary>Which of the first three features is largest, and whether the fourth is positive, from 8 features, through MMoE.</summary>
[MultiTaskModel(InputSize = 8)]
public partial class ScaleOutModel
{
    [MixtureOfExperts(Experts = 4, Hidden = new[] { 16 })]
    public partial MixtureOfExperts Experts { get; }

    [ClassificationHead(Classes = 3, Hidden = new[] { 8 })]
    public partial Head Largest { get; }

    [BinaryHead(Weight = 0.5)]
    public partial Head Positive { get; }
}
