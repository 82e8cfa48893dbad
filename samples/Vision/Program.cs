using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using MultiTask;
using MultiTask.Terminal;
using Vision;
using static TorchSharp.torch;

// Digits as images: the 8x8 pixels as [N, 1, 8, 8] through [Image(1, 8, 8, Convolutions = ...)], against the same pixels
// as a flat vector through an MLP trunk, on the same split; a 10-class head (which digit) and a binary head (is it even).
// Arguments: [--digits PATH] (default tests/data/digits.csv.gz, the copy of ../shared/data/digits.csv.gz) [--epochs N].
set_num_threads(1);
var path = "tests/data/digits.csv.gz";
var epochs = 60;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--digits": path = args[i + 1]; break;
        case "--epochs": epochs = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
        default: Console.Error.WriteLine($"Unknown argument {args[i]}. Usage: [--digits PATH] [--epochs N]"); return 2;
    }
}

if (!File.Exists(path))
{
    Console.Error.WriteLine($"No digits file at {Path.GetFullPath(path)}: run from the repository's root or pass --digits PATH.");
    return 2;
}

const int BatchSize = 64;
var digits = DigitImages.Load(path);
var (train, test) = digits.Split(trainFraction: 0.7, seed: 1);
var images = digits.Pixels.reshape(-1, 1, 8, 8);
Console.WriteLine($"{digits.Rows} digits: {train.shape[0]} to train, {test.shape[0]} to test; {epochs} epochs of batches of {BatchSize}.");

var table = new List<string>();
manual_seed(1);
using (var model = new ConvolutionalDigits())
{
    Console.WriteLine(model.Summary());
    IEnumerable<ConvolutionalDigits.Batch> Batches(Tensor rows, bool shuffle) => ConvolutionalDigits.Batch.From(
        new ConvolutionalDigits.Features(images).Select(rows), new ConvolutionalDigits.Targets(digits.Digit, digits.IsEven).Select(rows), BatchSize, shuffle, seed: 2);
    Report("convolutional [N, 1, 8, 8]", model, Batches, m => (m.Digit.Accuracy, m.IsEven.Accuracy));
}

manual_seed(1);
using (var model = new MlpDigits())
{
    IEnumerable<MlpDigits.Batch> Batches(Tensor rows, bool shuffle) => MlpDigits.Batch.From(
        digits.Pixels.index_select(0, rows), new MlpDigits.Targets(digits.Digit, digits.IsEven).Select(rows), BatchSize, shuffle, seed: 2);
    Report("MLP [N, 64]", model, Batches, m => (m.Digit.Accuracy, m.IsEven.Accuracy));
}

Console.WriteLine();
Console.WriteLine($"Test set ({test.shape[0]} digits):");
Console.WriteLine($"  {"trunk",-28}{"parameters",12}{"digit accuracy",16}{"is-even accuracy",18}{"seconds",10}");
table.ForEach(Console.WriteLine);
return 0;

void Report<TBatch, TMetrics>(string name, IMultiTaskModel<TBatch, TMetrics> model, Func<Tensor, bool, IEnumerable<TBatch>> batches, Func<TMetrics, (double Digit, double IsEven)> accuracy)
{
    var clock = Stopwatch.StartNew();
    using var trainer = model.CreateTrainer(new TrainingOptions<TMetrics> { Epochs = epochs, LearningRate = 1e-3, Callbacks = [new TerminalProgress<TMetrics> { Label = name, EpochLineInterval = epochs }] });
    trainer.Fit(batches(train, true));
    var (digit, isEven) = accuracy(trainer.Evaluate(batches(test, false)));
    table.Add($"  {name,-28}{model.Summary().Total,12:N0}{digit,16:F4}{isEven,18:F4}{clock.Elapsed.TotalSeconds,10:F1}");
}
