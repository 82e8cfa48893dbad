using MultiTask;

namespace MultiTask.IntegrationTests;

/// <summary>The quick start's shape: a shared trunk, a 10-class head and a binary head with a tower of its own.</summary>
[MultiTaskModel(InputSize = 8)]
public partial class TwoTaskModel
{
    [SharedTrunk(32, Activation = Activation.ReLU)]
    public partial Trunk Body { get; }

    [ClassificationHead(Classes = 3)]
    public partial Head Category { get; }

    [BinaryHead(Hidden = new[] { 8 }, Weight = 0.5, LearningRate = 3e-4, WeightDecay = 1e-2)]
    public partial Head Flag { get; }
}

/// <summary>Two regression targets read straight from the input, with no trunk.</summary>
[MultiTaskModel(InputSize = 4)]
public partial class RegressionPairModel
{
    [RegressionHead(Outputs = 2, Hidden = new[] { 16 })]
    public partial Head Pair { get; }

    [RegressionHead(Loss = RegressionLoss.Huber, HuberDelta = 0.5)]
    public partial Head Single { get; }
}

/// <summary>The two-task shape with uncertainty weighting (Kendall et al. 2018) instead of the declared weights.</summary>
[MultiTaskModel(InputSize = 8)]
[UncertaintyWeighting]
public partial class UncertainTwoTaskModel
{
    [SharedTrunk(32, Activation = Activation.ReLU)]
    public partial Trunk Body { get; }

    [ClassificationHead(Classes = 3)]
    public partial Head Category { get; }

    [BinaryHead(Hidden = new[] { 8 })]
    public partial Head Flag { get; }
}

/// <summary>The two-task shape with Dynamic Weight Average (Liu et al. 2019) at a temperature other than the default.</summary>
[MultiTaskModel(InputSize = 8)]
[Dwa(Temperature = 1.5)]
public partial class DwaTwoTaskModel
{
    [SharedTrunk(32, Activation = Activation.ReLU)]
    public partial Trunk Body { get; }

    [ClassificationHead(Classes = 3)]
    public partial Head Category { get; }

    [BinaryHead(Hidden = new[] { 8 })]
    public partial Head Flag { get; }
}

/// <summary>The two-task shape with Random Loss Weighting (Lin et al. 2021).</summary>
[MultiTaskModel(InputSize = 8)]
[RandomLossWeighting]
public partial class RandomlyWeightedTwoTaskModel
{
    [SharedTrunk(32, Activation = Activation.ReLU)]
    public partial Trunk Body { get; }

    [ClassificationHead(Classes = 3)]
    public partial Head Category { get; }

    [BinaryHead(Hidden = new[] { 8 })]
    public partial Head Flag { get; }
}

/// <summary>The two-task shape with DB-MTL (Lin et al. 2023): log losses, averaged task gradients rescaled to the largest.</summary>
[MultiTaskModel(InputSize = 8)]
[DbMtl(Beta = 0.8)]
public partial class DualBalancedTwoTaskModel
{
    [SharedTrunk(32, Activation = Activation.ReLU)]
    public partial Trunk Body { get; }

    [ClassificationHead(Classes = 3)]
    public partial Head Category { get; }

    [BinaryHead(Hidden = new[] { 8 })]
    public partial Head Flag { get; }
}

/// <summary>The two-task shape with PCGrad (Yu et al. 2020): conflicting task gradients projected onto each other's normal plane.</summary>
[MultiTaskModel(InputSize = 8)]
[PCGrad]
public partial class ProjectedTwoTaskModel
{
    [SharedTrunk(32, Activation = Activation.ReLU)]
    public partial Trunk Body { get; }

    [ClassificationHead(Classes = 3)]
    public partial Head Category { get; }

    [BinaryHead(Hidden = new[] { 8 })]
    public partial Head Flag { get; }
}

/// <summary>The two-task shape with MGDA (Sener and Koltun 2018), l2-normalized gradients: the min-norm point of their hull.</summary>
[MultiTaskModel(InputSize = 8)]
[Mgda(Normalization = MgdaNormalization.L2)]
public partial class MinNormTwoTaskModel
{
    [SharedTrunk(32, Activation = Activation.ReLU)]
    public partial Trunk Body { get; }

    [ClassificationHead(Classes = 3)]
    public partial Head Category { get; }

    [BinaryHead(Hidden = new[] { 8 })]
    public partial Head Flag { get; }
}

/// <summary>Feature-based sharing with MGDA-UB: the weights from the gradients on the encoder's code, the reconstruction an auxiliary term.</summary>
[MultiTaskModel(InputSize = 6)]
[Mgda(UpperBound = true, Normalization = MgdaNormalization.Loss)]
public partial class MinNormCodeModel
{
    [AutoencoderTrunk(3, 12, ReconstructionWeight = 0.5)] public partial AutoencoderTrunk Code { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head Value { get; }
    [BinaryHead] public partial Head Sign { get; }
}

/// <summary>The two-task shape with CAGrad (Liu et al. 2021): the best direction near the mean task gradient.</summary>
[MultiTaskModel(InputSize = 8)]
[CAGrad(C = 0.5)]
public partial class ConflictAverseTwoTaskModel
{
    [SharedTrunk(32, Activation = Activation.ReLU)]
    public partial Trunk Body { get; }

    [ClassificationHead(Classes = 3)]
    public partial Head Category { get; }

    [BinaryHead(Hidden = new[] { 8 })]
    public partial Head Flag { get; }
}

/// <summary>The two-task shape with IMTL-G (Liu et al. 2021): equal projections of the step on every unit task gradient.</summary>
[MultiTaskModel(InputSize = 8)]
[Imtl]
public partial class ImpartialTwoTaskModel
{
    [SharedTrunk(32, Activation = Activation.ReLU)]
    public partial Trunk Body { get; }

    [ClassificationHead(Classes = 3)]
    public partial Head Category { get; }

    [BinaryHead(Hidden = new[] { 8 })]
    public partial Head Flag { get; }
}

/// <summary>The two-task shape with Aligned-MTL (Senushkin et al. 2023): the task gradients aligned to orthogonal components of equal norm.</summary>
[MultiTaskModel(InputSize = 8)]
[AlignedMtl]
public partial class AlignedTwoTaskModel
{
    [SharedTrunk(32, Activation = Activation.ReLU)]
    public partial Trunk Body { get; }

    [ClassificationHead(Classes = 3)]
    public partial Head Category { get; }

    [BinaryHead(Hidden = new[] { 8 })]
    public partial Head Flag { get; }
}

/// <summary>The two-task shape with UPGrad (Quinton and Rey 2024): the mean of the task gradients projected onto their dual cone.</summary>
[MultiTaskModel(InputSize = 8)]
[UPGrad]
public partial class UnconflictingTwoTaskModel
{
    [SharedTrunk(32, Activation = Activation.ReLU)]
    public partial Trunk Body { get; }

    [ClassificationHead(Classes = 3)]
    public partial Head Category { get; }

    [BinaryHead(Hidden = new[] { 8 })]
    public partial Head Flag { get; }
}

/// <summary>Feature-based sharing with DB-MTL: the reconstruction is an auxiliary term on the shared encoder.</summary>
[MultiTaskModel(InputSize = 6)]
[DbMtl]
public partial class DualBalancedCodeModel
{
    [AutoencoderTrunk(3, 12, ReconstructionWeight = 0.5)] public partial AutoencoderTrunk Code { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head Value { get; }
    [BinaryHead] public partial Head Sign { get; }
}

/// <summary>Each task its own input, with Random Loss Weighting: a step may hold one task only.</summary>
[MultiTaskModel(InputSize = 4, InputPerTask = true)]
[RandomLossWeighting]
public partial class RandomlyWeightedSourcesModel
{
    [SharedTrunk(8)] public partial Trunk Shared { get; }
    [BinaryHead] public partial Head Left { get; }
    [RegressionHead] public partial Head Right { get; }
}

/// <summary>The two-task shape with Nash-MTL (Navon et al. 2022): the bargaining weights, G G^T alpha = 1 / alpha.</summary>
[MultiTaskModel(InputSize = 8)]
[NashMtl]
public partial class BargainingTwoTaskModel
{
    [SharedTrunk(32, Activation = Activation.ReLU)]
    public partial Trunk Body { get; }

    [ClassificationHead(Classes = 3)]
    public partial Head Category { get; }

    [BinaryHead(Hidden = new[] { 8 })]
    public partial Head Flag { get; }
}

/// <summary>A classification head whose rare class weighs 4 times the others in the cross-entropy.</summary>
[MultiTaskModel(InputSize = 8)]
public partial class ClassWeightedModel
{
    [SharedTrunk(16)]
    public partial Trunk Body { get; }

    [ClassificationHead(Classes = 3, ClassWeights = new[] { 1.0, 4.0, 1.0 })]
    public partial Head Category { get; }

    [BinaryHead]
    public partial Head Flag { get; }
}

/// <summary>The two-task shape with GradNorm (Chen et al. 2018) at an alpha other than the default.</summary>
[MultiTaskModel(InputSize = 8)]
[GradNorm(Alpha = 1)]
public partial class GradNormTwoTaskModel
{
    [SharedTrunk(32, 16, Activation = Activation.ReLU)]
    public partial Trunk Body { get; }

    [ClassificationHead(Classes = 3)]
    public partial Head Category { get; }

    [BinaryHead(Hidden = new[] { 8 })]
    public partial Head Flag { get; }
}

/// <summary>Feature-based sharing with GradNorm: the norms are taken on the encoder's last layer, the reconstruction an auxiliary term.</summary>
[MultiTaskModel(InputSize = 6)]
[GradNorm]
public partial class GradNormCodeModel
{
    [AutoencoderTrunk(3, 12, ReconstructionWeight = 0.5)] public partial AutoencoderTrunk Code { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head Value { get; }
    [BinaryHead] public partial Head Sign { get; }
}

/// <summary>Each task its own input, with GradNorm: a step may hold one task only.</summary>
[MultiTaskModel(InputSize = 4, InputPerTask = true)]
[GradNorm]
public partial class GradNormSourcesModel
{
    [SharedTrunk(8)] public partial Trunk Shared { get; }
    [BinaryHead] public partial Head Left { get; }
    [RegressionHead] public partial Head Right { get; }
}

/// <summary>The two-task shape with FAMO (Liu et al. 2023) and a logit learning rate other than the default.</summary>
[MultiTaskModel(InputSize = 8)]
[Famo(LearningRate = 0.05)]
public partial class FamoTwoTaskModel
{
    [SharedTrunk(32, Activation = Activation.ReLU)]
    public partial Trunk Body { get; }

    [ClassificationHead(Classes = 3)]
    public partial Head Category { get; }

    [BinaryHead(Hidden = new[] { 8 })]
    public partial Head Flag { get; }
}
