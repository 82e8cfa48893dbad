using MultiTask;

namespace MultiTask.IntegrationTests.Data;

/// <summary>The digits' two tasks from 64 pixels: which digit, and whether it is even.</summary>
[MultiTaskModel(InputSize = 64)]
public partial class DigitsFileModel
{
    [SharedTrunk(64, Activation = Activation.ReLU)]
    public partial Trunk Body { get; }

    [ClassificationHead(Classes = 10)]
    public partial Head Digit { get; }

    [BinaryHead]
    public partial Head IsEven { get; }
}

/// <summary>Linnerud: the three physiological measurements from the three exercises.</summary>
[MultiTaskModel(InputSize = 3)]
public partial class LinnerudFileModel
{
    [SharedTrunk(8, Activation = Activation.Tanh)]
    public partial Trunk Body { get; }

    [RegressionHead] public partial Head Weight { get; }
    [RegressionHead] public partial Head Waist { get; }
    [RegressionHead] public partial Head Pulse { get; }
}

/// <summary>One task of each kind, for the reader's small files: names, 0/1 labels and a two-column regression.</summary>
[MultiTaskModel(InputSize = 3)]
public partial class TableModel
{
    [SharedTrunk(8)]
    public partial Trunk Body { get; }

    [ClassificationHead(Classes = 3)]
    public partial Head Species { get; }

    [BinaryHead]
    public partial Head Flag { get; }

    [RegressionHead(Outputs = 2)]
    public partial Head Size { get; }

    /// <summary>The columns of the tests' tables: x1, x2, x3, species, flag, len, wid.</summary>
    internal static Columns ColumnsOfTable { get; } = new()
    {
        Features = InputColumns.Prefix("x"),
        Species = "species",
        Flag = "flag",
        Size = TargetColumn.Of("len", "wid"),
    };
}

/// <summary>Two tasks with their own inputs, read from two files.</summary>
[MultiTaskModel(InputSize = 2, InputPerTask = true)]
public partial class TwoFilesModel
{
    [SharedTrunk(8)]
    public partial Trunk Shared { get; }

    [BinaryHead] public partial Head Left { get; }
    [RegressionHead] public partial Head Right { get; }
}
