using MultiTask;

namespace MultiTask.ResumeRunner;

/// <summary>A shared trunk with dropout, a 3-class head and a binary head, with the declared (static) weights.</summary>
[MultiTaskModel(InputSize = 6)]
public partial class StaticModel
{
    [SharedTrunk(16, Activation = Activation.ReLU, Dropout = 0.25)]
    public partial Trunk Body { get; }

    [ClassificationHead(Classes = 3)]
    public partial Head Category { get; }

    [BinaryHead(Hidden = new[] { 8 }, Weight = 0.5, LearningRate = 3e-3)]
    public partial Head Flag { get; }
}

/// <summary>The same shape with uncertainty weighting: learned log-variances in an optimizer group of their own.</summary>
[MultiTaskModel(InputSize = 6)]
[UncertaintyWeighting]
public partial class UncertaintyModel
{
    [SharedTrunk(16, Activation = Activation.ReLU, Dropout = 0.25)]
    public partial Trunk Body { get; }

    [ClassificationHead(Classes = 3)]
    public partial Head Category { get; }

    [BinaryHead(Hidden = new[] { 8 }, Weight = 0.5, LearningRate = 3e-3)]
    public partial Head Flag { get; }
}

/// <summary>The same shape with PCGrad, whose projection order is drawn from torch's generator every step.</summary>
[MultiTaskModel(InputSize = 6)]
[PCGrad]
public partial class PCGradModel
{
    [SharedTrunk(16, Activation = Activation.ReLU, Dropout = 0.25)]
    public partial Trunk Body { get; }

    [ClassificationHead(Classes = 3)]
    public partial Head Category { get; }

    [BinaryHead(Hidden = new[] { 8 }, Weight = 0.5, LearningRate = 3e-3)]
    public partial Head Flag { get; }
}
