using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using MultiTask;
using MultiTask.Terminal;
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

var table = new List<string>();
manual_seed(1);
using (var model = new SharedBottomModel())
{
    Report("shared bottom", model, targets => SharedBottomModel.Batch.From(features.index_select(0, targets), new SharedBottomModel.Targets(click, conversion).Select(targets), BatchSize, shuffle: true, seed: 2),
        m => (m.Click.Auc, m.Conversion.Auc));
}

manual_seed(1);
using (var model = new MmoeModel())
{
    Report("MMoE", model, targets => MmoeModel.Batch.From(features.index_select(0, targets), new MmoeModel.Targets(click, conversion).Select(targets), BatchSize, shuffle: true, seed: 2),
        m => (m.Click.Auc, m.Conversion.Auc));
}

manual_seed(1);
using (var model = new PleModel())
{
    Report("PLE", model, targets => PleModel.Batch.From(features.index_select(0, targets), new PleModel.Targets(click, conversion).Select(targets), BatchSize, shuffle: true, seed: 2),
        m => (m.Click.Auc, m.Conversion.Auc));
}

Console.WriteLine();
Console.WriteLine($"  {"model",-15}{"parameters",12}{"Click AUC",12}{"Conversion AUC",17}{"seconds",10}");
table.ForEach(Console.WriteLine);
Console.WriteLine();
Console.WriteLine("Conversion AUC is over the clicked test impressions only: the others carry no conversion label.");
return 0;

// One function for the three architectures: every generated model is an IMultiTaskModel<TBatch, TMetrics>.
void Report<TBatch, TMetrics>(string name, IMultiTaskModel<TBatch, TMetrics> model, Func<Tensor, IEnumerable<TBatch>> batches, Func<TMetrics, (double Click, double Conversion)> auc)
{
    var clock = Stopwatch.StartNew();
    using var trainer = model.CreateTrainer(new TrainingOptions<TMetrics> { Epochs = Epochs, Callbacks = [new TerminalProgress<TMetrics> { Label = name }] });
    trainer.Fit(batches(trainRows));
    var (clickAuc, conversionAuc) = auc(trainer.Evaluate(batches(testRows)));
    table.Add($"  {name,-15}{model.Summary().Total,12:N0}{clickAuc,12:F4}{conversionAuc,17:F4}{clock.Elapsed.TotalSeconds,10:F1}");
}
