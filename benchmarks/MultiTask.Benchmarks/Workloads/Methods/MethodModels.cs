using MultiTask;

namespace MultiTask.Benchmarks.Methods;

// The MMoE paper's shared bottom (input 100, trunk 113 ReLU, towers 8-1, two regression tasks), once per loss weighting.

[MultiTaskModel(InputSize = 100)]
[StaticWeighting]
public partial class StaticModel
{
    [SharedTrunk(113)] public partial Trunk Bottom { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head A { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head B { get; }
}

[MultiTaskModel(InputSize = 100)]
[UncertaintyWeighting]
public partial class UncertaintyModel
{
    [SharedTrunk(113)] public partial Trunk Bottom { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head A { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head B { get; }
}

[MultiTaskModel(InputSize = 100)]
[Dwa]
public partial class DwaModel
{
    [SharedTrunk(113)] public partial Trunk Bottom { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head A { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head B { get; }
}

[MultiTaskModel(InputSize = 100)]
[RandomLossWeighting]
public partial class RlwModel
{
    [SharedTrunk(113)] public partial Trunk Bottom { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head A { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head B { get; }
}

[MultiTaskModel(InputSize = 100)]
[DbMtl]
public partial class DbMtlModel
{
    [SharedTrunk(113)] public partial Trunk Bottom { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head A { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head B { get; }
}

[MultiTaskModel(InputSize = 100)]
[PCGrad]
public partial class PCGradModel
{
    [SharedTrunk(113)] public partial Trunk Bottom { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head A { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head B { get; }
}

[MultiTaskModel(InputSize = 100)]
[Mgda]
public partial class MgdaModel
{
    [SharedTrunk(113)] public partial Trunk Bottom { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head A { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head B { get; }
}

[MultiTaskModel(InputSize = 100)]
[Mgda(UpperBound = true)]
public partial class MgdaUbModel
{
    [SharedTrunk(113)] public partial Trunk Bottom { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head A { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head B { get; }
}

[MultiTaskModel(InputSize = 100)]
[CAGrad]
public partial class CAGradModel
{
    [SharedTrunk(113)] public partial Trunk Bottom { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head A { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head B { get; }
}

[MultiTaskModel(InputSize = 100)]
[Imtl]
public partial class ImtlModel
{
    [SharedTrunk(113)] public partial Trunk Bottom { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head A { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head B { get; }
}

[MultiTaskModel(InputSize = 100)]
[AlignedMtl]
public partial class AlignedMtlModel
{
    [SharedTrunk(113)] public partial Trunk Bottom { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head A { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head B { get; }
}

[MultiTaskModel(InputSize = 100)]
[UPGrad]
public partial class UPGradModel
{
    [SharedTrunk(113)] public partial Trunk Bottom { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head A { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head B { get; }
}

[MultiTaskModel(InputSize = 100)]
[NashMtl]
public partial class NashMtlModel
{
    [SharedTrunk(113)] public partial Trunk Bottom { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head A { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head B { get; }
}

[MultiTaskModel(InputSize = 100)]
[GradNorm]
public partial class GradNormModel
{
    [SharedTrunk(113)] public partial Trunk Bottom { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head A { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head B { get; }
}

[MultiTaskModel(InputSize = 100)]
[Famo]
public partial class FamoModel
{
    [SharedTrunk(113)] public partial Trunk Bottom { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head A { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head B { get; }
}
