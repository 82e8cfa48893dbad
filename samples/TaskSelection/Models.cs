using MultiTask;

namespace TaskSelection;

/// <summary>Four regression tasks through one small trunk: A1 and A2 are related, B1 and B2 are related, the pairs are not.</summary>
[MultiTaskModel(InputSize = 32)]
public partial class PairsModel
{
    [SharedTrunk(16)]
    public partial Trunk Shared { get; }

    [RegressionHead(Hidden = new[] { 8 })] public partial Head A1 { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head A2 { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head B1 { get; }
    [RegressionHead(Hidden = new[] { 8 })] public partial Head B2 { get; }
}

/// <summary>The digits with four tasks: which digit, is it even, is it greater than 4, is it prime.</summary>
[MultiTaskModel(InputSize = 64)]
public partial class DigitTasksModel
{
    [SharedTrunk(64, 32)]
    public partial Trunk Shared { get; }

    [ClassificationHead(Classes = 10)] public partial Head Digit { get; }
    [BinaryHead] public partial Head IsEven { get; }
    [BinaryHead] public partial Head IsGreaterThanFour { get; }
    [BinaryHead] public partial Head IsPrime { get; }
}
