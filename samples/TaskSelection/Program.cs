using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MultiTask;
using MultiTask.Data;
using TaskSelection;
using TorchSharp;
using static TorchSharp.torch;

// Task selection: which tasks should be trained together? Train all of them once while measuring TAG's inter-task
// affinity (Fifty et al. 2021), rank the ways to group them, train the best grouping, and compare on test data.
// 1. Four generated regression tasks in two related pairs (correlation 0.9 inside a pair, 0 across).
// 2. The UCI digits (`--digits PATH`, default ../shared/data/digits.csv.gz when present): which digit, even, > 4, prime.
torch.set_num_threads(1);
var digitsPath = args.Length >= 2 && args[0] == "--digits" ? args[1] : Path.Combine("..", "shared", "data", "digits.csv.gz");
const string Output = "task-selection-output";

var pairs = SyntheticTasks.RegressionPairs(rows: 6000, pairs: 2, correlation: 0.9, dimension: 32, seed: 5);
var (x, y) = (tensor(pairs.Features), pairs.Targets.Select(t => tensor(t)).ToArray());
const int PairsTrain = 4800;
string[] pairTasks = ["A1", "A2", "B1", "B2"];
TaskTarget Keep(IReadOnlyCollection<string> group, string task, TaskTarget target) => group.Contains(task) ? target : target.MaskedOut();
PairsModel.Targets PairTargets(Tensor[] values, IReadOnlyCollection<string> group) =>
    new(Keep(group, "A1", values[0]), Keep(group, "A2", values[1]), Keep(group, "B1", values[2]), Keep(group, "B2", values[3]));
var pairsTrainY = y.Select(t => t[..PairsTrain]).ToArray();
var pairsTestY = y.Select(t => t[PairsTrain..]).ToArray();
new Study<PairsModel.Batch, PairsModel.Metrics>(
    "pairs",
    pairTasks,
    () => new PairsModel(),
    group => PairsModel.Batch.From(x[..PairsTrain], PairTargets(pairsTrainY, group), batchSize: 96, shuffle: true, seed: 2),
    PairsModel.Batch.From(x[PairsTrain..], PairTargets(pairsTestY, pairTasks), batchSize: 1200),
    (m, task) => task switch { "A1" => m.A1.Loss, "A2" => m.A2.Loss, "B1" => m.B1.Loss, _ => m.B2.Loss },
    ("MSE", false)).Run(epochs: 20, learningRate: 3e-3, Output);

if (!File.Exists(digitsPath))
{
    Console.WriteLine($"No digits file at {digitsPath}: skipping the digits study (pass --digits PATH).");
    return 0;
}

var digitColumns = new DigitTasksModel.Columns
{
    Features = InputColumns.Range(0, 63),
    Digit = 64,
    IsEven = TargetColumn.Of(64).Map(d => d % 2 == 0 ? 1 : 0),
    IsGreaterThanFour = TargetColumn.Of(64).Map(d => d > 4 ? 1 : 0),
    IsPrime = TargetColumn.Of(64).Map(d => d is 2 or 3 or 5 or 7 ? 1 : 0),
};
var digitRows = TableFile.Csv(digitsPath, hasHeader: false).Read(digitColumns);
var (pixelCounts, digitTargets) = digitRows.ToTensors(digitRows.FitPreparation(standardize: false));
var shuffle = new Random(3);
var order = tensor(Enumerable.Range(0, digitRows.Count).OrderBy(_ => shuffle.Next()).Select(i => (long)i).ToArray());
var digitX = pixelCounts.div(16).index_select(0, order);     // pixel counts to [0, 1]
var digitY = digitTargets.Select(t => t.Select(order)).ToArray();
var digitTrain = digitRows.Count * 4 / 5;
string[] digitTasks = ["Digit", "IsEven", "IsGreaterThanFour", "IsPrime"];
DigitTasksModel.Targets DigitTargets(Tensor rows, IReadOnlyCollection<string> group) => new(
    Keep(group, "Digit", digitY[0].Select(rows)),
    Keep(group, "IsEven", digitY[1].Select(rows)),
    Keep(group, "IsGreaterThanFour", digitY[2].Select(rows)),
    Keep(group, "IsPrime", digitY[3].Select(rows)));
new Study<DigitTasksModel.Batch, DigitTasksModel.Metrics>(
    "digits",
    digitTasks,
    () => new DigitTasksModel(),
    group => DigitTasksModel.Batch.From(digitX[..digitTrain], DigitTargets(arange(digitTrain), group), batchSize: 32, shuffle: true, seed: 2),
    DigitTasksModel.Batch.From(digitX[digitTrain..], DigitTargets(arange(digitTrain, digitRows.Count), digitTasks), batchSize: 400),
    (m, task) => task switch { "Digit" => m.Digit.Accuracy, "IsEven" => m.IsEven.Accuracy, "IsGreaterThanFour" => m.IsGreaterThanFour.Accuracy, _ => m.IsPrime.Accuracy },
    ("accuracy", true)).Run(epochs: 20, learningRate: 2e-3, Output);
return 0;
