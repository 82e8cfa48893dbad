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
// rows without a click): shared bottom, MMoE, PLE and ESMM side by side, AUC per task on held-out impressions; then MMoE
// and PLE on impressions with user, item and context ids, from the dense features alone and with the ids' embeddings.
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
var testFeatures = features.index_select(0, testRows);
var wouldConvert = test.Select(r => impressions.WouldConvert[r]).ToArray();
var clickedAndConverted = test.Select(r => impressions.Converted[r]).ToArray();

var table = new List<string>();
manual_seed(1);
using (var model = new SharedBottomModel())
{
    Report("shared bottom", model, targets => SharedBottomModel.Batch.From(features.index_select(0, targets), new SharedBottomModel.Targets(click, conversion).Select(targets), BatchSize, shuffle: true, seed: 2),
        m => (m.Click.Auc, m.Conversion.Auc), x => { var p = model.Predict(x); return WithProduct(p.Click, p.Conversion); });
}

manual_seed(1);
using (var model = new MmoeModel())
{
    Report("MMoE", model, targets => MmoeModel.Batch.From(features.index_select(0, targets), new MmoeModel.Targets(click, conversion).Select(targets), BatchSize, shuffle: true, seed: 2),
        m => (m.Click.Auc, m.Conversion.Auc), x => { var p = model.Predict(x); return WithProduct(p.Click, p.Conversion); });
}

manual_seed(1);
using (var model = new PleModel())
{
    Report("PLE", model, targets => PleModel.Batch.From(features.index_select(0, targets), new PleModel.Targets(click, conversion).Select(targets), BatchSize, shuffle: true, seed: 2),
        m => (m.Click.Auc, m.Conversion.Auc), x => { var p = model.Predict(x); return WithProduct(p.Click, p.Conversion); });
}

manual_seed(1);
using (var model = new EsmmModel())
{
    Report("ESMM", model, targets => EsmmModel.Batch.From(features.index_select(0, targets), new EsmmModel.Targets(click, conversion).Select(targets), BatchSize, shuffle: true, seed: 2),
        m => (m.Click.Auc, m.Conversion.Auc), x =>
        {
            var predictions = model.Predict(x);
            return (predictions.Click.Probabilities, predictions.Conversion.Probabilities, predictions.ClickAndConversion);
        });
}

Console.WriteLine();
Console.WriteLine($"  {"model",-15}{"parameters",12}{"CTR AUC",10}{"CVR AUC",10}{"CVR AUC, all",14}{"CTCVR AUC",11}{"seconds",10}");
table.ForEach(Console.WriteLine);
Console.WriteLine();
Console.WriteLine("CVR AUC is over the clicked test impressions (the others carry no conversion label); CVR AUC, all is over every");
Console.WriteLine("test impression against whether it would convert if clicked (known only in synthetic data); CTCVR AUC ranks every");
Console.WriteLine("test impression by pCTR * pCVR against clicked-and-converted.");

CategoricalComparison.Run();
return 0;

// pCTR, pCVR and their product pCTCVR, which ESMM's predictions hold as ClickAndConversion.
static (Tensor Click, Tensor Conversion, Tensor ClickAndConversion) WithProduct(BinaryPrediction click, BinaryPrediction conversion)
    => (click.Probabilities, conversion.Probabilities, click.Probabilities.mul(conversion.Probabilities));

// One function for the four architectures: every generated model is an IMultiTaskModel<TBatch, TMetrics>.
void Report<TBatch, TMetrics>(string name, IMultiTaskModel<TBatch, TMetrics> model, Func<Tensor, IEnumerable<TBatch>> batches, Func<TMetrics, (double Click, double Conversion)> auc,
    Func<Tensor, (Tensor Click, Tensor Conversion, Tensor ClickAndConversion)> predict)
{
    var clock = Stopwatch.StartNew();
    using var trainer = model.CreateTrainer(new TrainingOptions<TMetrics> { Epochs = Epochs, Callbacks = [new TerminalProgress<TMetrics> { Label = name }] });
    trainer.Fit(batches(trainRows));
    var (clickAuc, conversionAuc) = auc(trainer.Evaluate(batches(testRows)));
    var (_, conversionProbabilities, clickAndConversion) = predict(testFeatures);
    var everyImpressionAuc = RocAuc.Of(conversionProbabilities.data<float>().ToArray(), wouldConvert);
    var clickAndConversionAuc = RocAuc.Of(clickAndConversion.data<float>().ToArray(), clickedAndConverted);
    table.Add($"  {name,-15}{model.Summary().Total,12:N0}{clickAuc,10:F4}{conversionAuc,10:F4}{everyImpressionAuc,14:F4}{clickAndConversionAuc,11:F4}{clock.Elapsed.TotalSeconds,10:F1}");
}
