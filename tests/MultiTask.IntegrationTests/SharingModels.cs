using MultiTask;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask.IntegrationTests;

/// <summary>Soft sharing on a tiny model: two 3-unit towers from a 2-wide input.</summary>
[MultiTaskModel(InputSize = 2)]
[SoftSharing(Lambda = 0.5)]
public partial class TinySoftModel
{
    [RegressionHead(Hidden = new[] { 3 })] public partial Head A { get; }
    [RegressionHead(Hidden = new[] { 3 }, Activation = Activation.Tanh)] public partial Head B { get; }
}

/// <summary>Soft sharing with lambda 0: independent towers.</summary>
[MultiTaskModel(InputSize = 4)]
[SoftSharing(Lambda = 0)]
public partial class IndependentTowersModel
{
    [RegressionHead(Hidden = new[] { 8 })] public partial Head A { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head B { get; }
}

/// <summary>Soft sharing with a strong pull.</summary>
[MultiTaskModel(InputSize = 4)]
[SoftSharing(Lambda = 1)]
public partial class PulledTowersModel
{
    [RegressionHead(Hidden = new[] { 8 })] public partial Head A { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head B { get; }
}

/// <summary>Feature-based sharing: a regression on a 3-wide code of 6 correlated inputs.</summary>
[MultiTaskModel(InputSize = 6)]
public partial class CodeModel
{
    [AutoencoderTrunk(3, 12, ReconstructionWeight = 0.5)] public partial AutoencoderTrunk Code { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head Value { get; }
    [BinaryHead] public partial Head Sign { get; }
}

/// <summary>MMoE with three experts.</summary>
[MultiTaskModel(InputSize = 4)]
public partial class ThreeExpertsModel
{
    [MixtureOfExperts(Experts = 3, Hidden = new[] { 8 })] public partial MixtureOfExperts Experts { get; }
    [RegressionHead] public partial Head A { get; }
    [RegressionHead] public partial Head B { get; }
}

/// <summary>MMoE with one expert: a shared bottom in disguise.</summary>
[MultiTaskModel(InputSize = 4)]
public partial class OneExpertModel
{
    [MixtureOfExperts(Experts = 1, Hidden = new[] { 8 })] public partial MixtureOfExperts Experts { get; }
    [RegressionHead(Hidden = new[] { 4 })] public partial Head A { get; }
    [RegressionHead(Hidden = new[] { 4 })] public partial Head B { get; }
}

/// <summary>The shared bottom the one-expert MMoE equals.</summary>
[MultiTaskModel(InputSize = 4)]
public partial class SharedBottomModel
{
    [SharedTrunk(8)] public partial Trunk Bottom { get; }
    [RegressionHead(Hidden = new[] { 4 })] public partial Head A { get; }
    [RegressionHead(Hidden = new[] { 4 })] public partial Head B { get; }
}

/// <summary>Two-level PLE.</summary>
[MultiTaskModel(InputSize = 4)]
public partial class TwoLevelPleModel
{
    [ProgressiveLayeredExtraction(SharedExperts = 2, TaskExperts = 1, Hidden = new[] { 8 }, Levels = 2)]
    public partial ProgressiveLayeredExtraction Extraction { get; }

    [RegressionHead] public partial Head A { get; }
    [RegressionHead] public partial Head B { get; }
}

/// <summary>Cross-stitch: a tower of two layers per task, mixed after each.</summary>
[MultiTaskModel(InputSize = 4)]
public partial class StitchedModel
{
    [CrossStitch(Hidden = new[] { 8, 6 })] public partial CrossStitchNetwork Towers { get; }
    [RegressionHead(Hidden = new[] { 4 })] public partial Head A { get; }
    [RegressionHead] public partial Head B { get; }
}

/// <summary>ESMM over a shared layer, beside a regression head that keeps its own loss.</summary>
[MultiTaskModel(InputSize = 4)]
[Esmm(Click = nameof(Click), Conversion = nameof(Conversion))]
public partial class EntireSpaceModel
{
    [SharedTrunk(8)] public partial Trunk Embedding { get; }
    [BinaryHead(Hidden = new[] { 4 })] public partial Head Click { get; }
    [BinaryHead(Hidden = new[] { 4 })] public partial Head Conversion { get; }
    [RegressionHead] public partial Head Value { get; }
}

/// <summary>Each task its own input, one shared layer.</summary>
[MultiTaskModel(InputSize = 4, InputPerTask = true)]
public partial class TwoSourcesModel
{
    [SharedTrunk(8)] public partial Trunk Shared { get; }
    [BinaryHead] public partial Head Left { get; }
    [RegressionHead] public partial Head Right { get; }
}

/// <summary>A custom trunk (sized constructor) and a custom head (parameterless constructor).</summary>
[MultiTaskModel(InputSize = 4)]
public partial class CustomModel
{
    [SharedTrunk(typeof(GatedEncoder), OutputSize = 8)] public partial GatedEncoder Encoder { get; }
    [RegressionHead(Module = typeof(SumHead))] public partial SumHead Sum { get; }
    [BinaryHead] public partial Head Flag { get; }
}

/// <summary>A gated linear unit: <c>(W1 x) * sigmoid(W2 x)</c>.</summary>
public sealed class GatedEncoder : nn.Module<Tensor, Tensor>
{
    private readonly Linear value;
    private readonly Linear gate;

    public GatedEncoder(int inputSize, int outputSize) : base(nameof(GatedEncoder))
    {
        value = nn.Linear(inputSize, outputSize);
        gate = nn.Linear(inputSize, outputSize);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var values = value.forward(input);
        using var gates = gate.forward(input);
        using var open = gates.sigmoid();
        return values.mul(open);
    }
}

/// <summary>A linear read-out of 8 features to one value per row.</summary>
public sealed class SumHead : nn.Module<Tensor, Tensor>
{
    private readonly Linear output = nn.Linear(8, 1);

    public SumHead() : base(nameof(SumHead)) => RegisterComponents();

    public override Tensor forward(Tensor input)
    {
        using var column = output.forward(input);
        return column.squeeze(-1);
    }
}
