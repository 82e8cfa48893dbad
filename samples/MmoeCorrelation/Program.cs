using System;
using System.Linq;
using MmoeCorrelation;
using MultiTask;
using MultiTask.Terminal;
using TorchSharp;
using static TorchSharp.torch;

// For task pairs with correlation 1.0, 0.9 and 0.5: test loss of a shared bottom and of MMoE, averaged over seeds.
// The paper reports that the shared bottom degrades as the tasks grow less related while MMoE degrades much less; this
// program measures the same comparison at a small scale (2 cores, 20 epochs), so read its table rather than assume it.
// The models are small: one CPU thread is fastest for them (and spares a busy machine's other cores).
torch.set_num_threads(1);
const int TrainRows = 10000, TestRows = 2000, Epochs = 20, BatchSize = 128;
const double LearningRate = 3e-3;
var seeds = args.Length > 0 && int.TryParse(args[0], out var n) && n > 0 ? n : 3;
Console.WriteLine($"{TrainRows} training and {TestRows} test rows per task pair, {Epochs} epochs, mean over {seeds} seeds.");
var table = new System.Collections.Generic.List<string>();
foreach (var correlation in new[] { 1.0, 0.9, 0.5 })
{
    var shared = Enumerable.Range(1, seeds).Select(seed => SharedBottom(correlation, seed)).Average();
    var mmoe = Enumerable.Range(1, seeds).Select(seed => Mmoe(correlation, seed)).Average();
    table.Add($"  {correlation,12:F1}{shared,16:F4}{mmoe,10:F4}");
}

Console.WriteLine();
Console.WriteLine($"  {"correlation",12}{"shared bottom",16}{"MMoE",10}   (test MSE, sum of both tasks)");
table.ForEach(Console.WriteLine);
return 0;

static (Tensor X, Tensor Y1, Tensor Y2, Tensor TestX, Tensor TestY1, Tensor TestY2) Data(double correlation, int seed)
{
    var data = SyntheticTasks.Regression(TrainRows + TestRows, correlation, dimension: 100, seed: seed);
    var x = tensor(data.Features);
    var (y1, y2) = (tensor(data.Task1), tensor(data.Task2));
    return (x[..TrainRows], y1[..TrainRows], y2[..TrainRows], x[TrainRows..], y1[TrainRows..], y2[TrainRows..]);
}

// A bar while a model trains and one line when it is done.
static TerminalProgress<TMetrics> Progress<TMetrics>(string model, double correlation, int seed)
    => new() { Label = $"{model}, correlation {correlation:F1}, seed {seed}", EpochLineInterval = Epochs };

static double SharedBottom(double correlation, int seed)
{
    var d = Data(correlation, seed);
    manual_seed(seed);
    using var model = new SharedBottomModel();
    var trainer = model.CreateTrainer(new SharedBottomModel.TrainingOptions { Epochs = Epochs, LearningRate = LearningRate, Callbacks = [Progress<SharedBottomModel.Metrics>("shared bottom", correlation, seed)] });
    trainer.Fit(SharedBottomModel.Batch.From(d.X, new SharedBottomModel.Targets(d.Y1, d.Y2), BatchSize, shuffle: true, seed: seed));
    var test = trainer.Evaluate(SharedBottomModel.Batch.From(d.TestX, new SharedBottomModel.Targets(d.TestY1, d.TestY2), TestRows));
    return test.Task1.Loss + test.Task2.Loss;
}

static double Mmoe(double correlation, int seed)
{
    var d = Data(correlation, seed);
    manual_seed(seed);
    using var model = new MmoeModel();
    var trainer = model.CreateTrainer(new MmoeModel.TrainingOptions { Epochs = Epochs, LearningRate = LearningRate, Callbacks = [Progress<MmoeModel.Metrics>("MMoE", correlation, seed)] });
    trainer.Fit(MmoeModel.Batch.From(d.X, new MmoeModel.Targets(d.Y1, d.Y2), BatchSize, shuffle: true, seed: seed));
    var test = trainer.Evaluate(MmoeModel.Batch.From(d.TestX, new MmoeModel.Targets(d.TestY1, d.TestY2), TestRows));
    return test.Task1.Loss + test.Task2.Loss;
}
