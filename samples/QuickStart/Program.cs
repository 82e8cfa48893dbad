using System;
using System.Diagnostics;
using System.IO;
using MultiTask;
using MultiTask.Plotting;
using MultiTask.Terminal;
using QuickStart;
using static TorchSharp.torch;

// Quick start: one shared trunk, a 10-class head and a binary head trained together, then the same tasks trained
// alone, side by side. Default data: related synthetic tasks made by the library. `--digits PATH` uses the UCI digits
// (../shared/data/digits.csv.gz): which digit, and whether it is even.
var options = QuickStartArguments.Parse(args);
if (options is null) return 2;

var data = options.DigitsPath is { } path
    ? DigitsCsv.Load(path)
    : SyntheticData.Make(options.Rows, seed: 7);
var (train, validation, test) = data.Split(trainFraction: 0.6, validationFraction: 0.2, seed: 1);
Console.WriteLine($"Data: {data.Description}; {train.Rows} training, {validation.Rows} validation, {test.Rows} test rows.");
Console.WriteLine();

var clock = Stopwatch.StartNew();

Console.WriteLine("Multi-task model:");
manual_seed(1);
using var multiTask = new QuickStartModel();
Console.WriteLine(multiTask.Summary());
var multiTaskTrainer = multiTask.CreateTrainer(new QuickStartModel.TrainingOptions
{
    Epochs = options.Epochs,
    LearningRate = 1e-3,
    Callbacks = [new TerminalProgress<QuickStartModel.Metrics>()],
});
var history = multiTaskTrainer.Fit(Batches.ForQuickStart(train, shuffle: true), Batches.ForQuickStart(validation, shuffle: false));
var multiTaskTest = multiTaskTrainer.Evaluate(Batches.ForQuickStart(test, shuffle: false));

Console.WriteLine();
Console.WriteLine("Single-task models, same trunk, same data, same epochs:");
manual_seed(1);
using var categoryOnly = new CategoryOnlyModel();
var categoryTrainer = categoryOnly.CreateTrainer(new CategoryOnlyModel.TrainingOptions
{
    Epochs = options.Epochs,
    LearningRate = 1e-3,
    Callbacks = [new TerminalProgress<CategoryOnlyModel.Metrics> { Label = "Category alone", EpochLineInterval = options.Epochs }],
});
categoryTrainer.Fit(Batches.ForCategory(train, shuffle: true));
var categoryTest = categoryTrainer.Evaluate(Batches.ForCategory(test, shuffle: false));

manual_seed(1);
using var flagOnly = new FlagOnlyModel();
var flagTrainer = flagOnly.CreateTrainer(new FlagOnlyModel.TrainingOptions
{
    Epochs = options.Epochs,
    LearningRate = 1e-3,
    Callbacks = [new TerminalProgress<FlagOnlyModel.Metrics> { Label = "Flag alone", EpochLineInterval = options.Epochs }],
});
flagTrainer.Fit(Batches.ForFlag(train, shuffle: true));
var flagTest = flagTrainer.Evaluate(Batches.ForFlag(test, shuffle: false));

Console.WriteLine();
Console.WriteLine($"Test set ({test.Rows} rows):");
Console.WriteLine($"  {"task",-9}{"metric",-11}{"multi-task",12}{"single-task",13}");
Row("Category", "accuracy", multiTaskTest.Category.Accuracy, categoryTest.Category.Accuracy);
Row("Category", "macro-F1", multiTaskTest.Category.MacroF1, categoryTest.Category.MacroF1);
Row("Category", $"top-{multiTaskTest.Category.K}", multiTaskTest.Category.TopKAccuracy, categoryTest.Category.TopKAccuracy);
Row("Flag", "accuracy", multiTaskTest.Flag.Accuracy, flagTest.Flag.Accuracy);
Row("Flag", "AUC", multiTaskTest.Flag.Auc, flagTest.Flag.Auc);
Console.WriteLine($"  {"",-9}{"parameters",-11}{multiTask.Summary().Total,12}{categoryOnly.Summary().Total + flagOnly.Summary().Total,13}");
Console.WriteLine();
Console.WriteLine($"Training curves of the multi-task model: {HistoryPlots.Curves(history, Path.Combine(options.Output, "curves.png"))}");
history.WriteCsv(Path.Combine(options.Output, "history.csv"));
history.WriteJson(Path.Combine(options.Output, "history.json"));
Console.WriteLine($"Its history per epoch: {Path.GetFullPath(Path.Combine(options.Output, "history.csv"))} (and .json)");
Console.WriteLine($"Done in {clock.Elapsed.TotalSeconds:F1} s.");
return 0;

static void Row(string task, string metric, double multiTask, double singleTask) =>
    Console.WriteLine($"  {task,-9}{metric,-11}{multiTask,12:F3}{singleTask,13:F3}");
