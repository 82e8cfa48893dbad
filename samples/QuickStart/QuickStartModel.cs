using MultiTask;

namespace QuickStart;

/// <summary>
/// The seed's example: one shared hidden layer of 128 ReLU units, a 10-class softmax head and a binary sigmoid head,
/// trained together.
/// </summary>
[MultiTaskModel(InputSize = 64)]
public partial class QuickStartModel
{
    [SharedTrunk(128, Activation = Activation.ReLU)]
    public partial Trunk Shared { get; }

    [ClassificationHead(Classes = 10)]
    public partial Head Category { get; }

    [BinaryHead]
    public partial Head Flag { get; }
}

/// <summary>The category task alone, with the same trunk, for the side-by-side comparison.</summary>
[MultiTaskModel(InputSize = 64)]
#pragma warning disable MTL0018 // a single-task baseline on purpose: the quick start compares it with the multi-task model
public partial class CategoryOnlyModel
#pragma warning restore MTL0018
{
    [SharedTrunk(128, Activation = Activation.ReLU)]
    public partial Trunk Shared { get; }

    [ClassificationHead(Classes = 10)]
    public partial Head Category { get; }
}

/// <summary>The flag task alone, with the same trunk, for the side-by-side comparison.</summary>
[MultiTaskModel(InputSize = 64)]
#pragma warning disable MTL0018 // a single-task baseline on purpose: the quick start compares it with the multi-task model
public partial class FlagOnlyModel
#pragma warning restore MTL0018
{
    [SharedTrunk(128, Activation = Activation.ReLU)]
    public partial Trunk Shared { get; }

    [BinaryHead]
    public partial Head Flag { get; }
}
