using System;
using System.Diagnostics;
using System.Linq;
using MultiTask;
using Recommender;
using TorchSharp;
using static TorchSharp.torch;

// CTR and CVR on generated impressions (a conversion is observed only after a click, so the CVR label is masked on
// rows without a click): shared bottom, MMoE and PLE side by side, AUC per task on held-out impressions.
// The models are small: one CPU thread is fastest for them (and spares a busy machine's other cores).
torch.set_num_threads(1);
const int Rows = 40000, Epochs = 8, BatchSize = 256;
var impressions = SyntheticImpressions.Make(Rows, correlation: 0.6, clickRate: 0.2, conversionRate: 0.25, dimension: 32, seed: 11);
var testFrom = Rows * 4 / 5;
var train = Enumerable.Range(0, testFrom).ToArray();
var test = Enumerable.Range(testFrom, Rows - testFrom).ToArray();
Console.WriteLine($"{Rows} impressions: {impressions.Clicked.Count(c => c)} clicks, {impressions.Converted.Count(c => c)} conversions; " +
    $"{train.Length} to train, {test.Length} to test; {Epochs} epochs.");

var features = tensor(impressions.Features);
var click = TaskTarget.Binary(impressions.Clicked);
var conversion = TaskTarget.Binary(impressions.Converted, mask: impressions.ConversionObserved);
var trainRows = tensor(train.Select(r => (long)r).ToArray());
var testRows = tensor(test.Select(r => (long)r).ToArray());

Console.WriteLine();
Console.WriteLine($"  {"model",-15}{"parameters",12}{"Click AUC",12}{"Conversion AUC",17}{"seconds",10}");
Report("shared bottom", () =>
{
    manual_seed(1);
    var model = new SharedBottomModel();
    var targets = new SharedBottomModel.Targets(click, conversion);
    var trainer = model.CreateTrainer(new SharedBottomModel.TrainingOptions { Epochs = Epochs });
    trainer.Fit(SharedBottomModel.Batch.From(features.index_select(0, trainRows), targets.Select(trainRows), BatchSize, shuffle: true, seed: 2));
    var metrics = trainer.Evaluate(SharedBottomModel.Batch.From(features.index_select(0, testRows), targets.Select(testRows), 4096));
    return (model.Summary().Total, metrics.Click.Auc, metrics.Conversion.Auc);
});
Report("MMoE", () =>
{
    manual_seed(1);
    var model = new MmoeModel();
    var targets = new MmoeModel.Targets(click, conversion);
    var trainer = model.CreateTrainer(new MmoeModel.TrainingOptions { Epochs = Epochs });
    trainer.Fit(MmoeModel.Batch.From(features.index_select(0, trainRows), targets.Select(trainRows), BatchSize, shuffle: true, seed: 2));
    var metrics = trainer.Evaluate(MmoeModel.Batch.From(features.index_select(0, testRows), targets.Select(testRows), 4096));
    return (model.Summary().Total, metrics.Click.Auc, metrics.Conversion.Auc);
});
Report("PLE", () =>
{
    manual_seed(1);
    var model = new PleModel();
    var targets = new PleModel.Targets(click, conversion);
    var trainer = model.CreateTrainer(new PleModel.TrainingOptions { Epochs = Epochs });
    trainer.Fit(PleModel.Batch.From(features.index_select(0, trainRows), targets.Select(trainRows), BatchSize, shuffle: true, seed: 2));
    var metrics = trainer.Evaluate(PleModel.Batch.From(features.index_select(0, testRows), targets.Select(testRows), 4096));
    return (model.Summary().Total, metrics.Click.Auc, metrics.Conversion.Auc);
});
Console.WriteLine();
Console.WriteLine("Conversion AUC is over the clicked test impressions only: the others carry no conversion label.");
return 0;

static void Report(string name, Func<(long Parameters, double ClickAuc, double ConversionAuc)> run)
{
    var clock = Stopwatch.StartNew();
    var (parameters, clickAuc, conversionAuc) = run();
    Console.WriteLine($"  {name,-15}{parameters,12:N0}{clickAuc,12:F4}{conversionAuc,17:F4}{clock.Elapsed.TotalSeconds,10:F1}");
}
