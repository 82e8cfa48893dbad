using System;
using System.IO;
using MultiTask;
using MultiTask.Plotting;
using MultiTask.Terminal;
using TorchSharp;

// A user's program on the packed packages: the generator (from the MultiTask package) turns the declaration below into a
// model; one epoch of training; lines the test reads: the loss before and after, the epoch's task losses, a prediction's
// row count and the plot written by MultiTask.Plotting into the folder given as the argument.

[MultiTaskModel(InputSize = 4, LearningRate = 0.01)]
public partial class ConsumerModel
{
    [SharedTrunk(16)] public partial Trunk Shared { get; }
    [ClassificationHead(Classes = 2)] public partial Head Kind { get; }
    [RegressionHead(Weight = 0.5)] public partial Head Size { get; }
}

public static class Program
{
    public static void Main(string[] args)
    {
        torch.manual_seed(1);
        const int rows = 256;
        var random = new Random(1);
        var x = new float[rows, 4];
        var kinds = new long[rows];
        var sizes = new float[rows];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < 4; j++) x[i, j] = (float)random.NextDouble();
            kinds[i] = x[i, 0] > 0.5f ? 1 : 0;
            sizes[i] = x[i, 1] + x[i, 2];
        }
        using var inputs = torch.tensor(x);
        var batches = ConsumerModel.Batch.From(inputs, new ConsumerModel.Targets(TaskTarget.Classes(kinds), TaskTarget.Values(sizes)), batchSize: 32);

        using var model = new ConsumerModel();
        using var trainer = model.CreateTrainer(new ConsumerModel.TrainingOptions
        {
            Epochs = 1,
            Callbacks = [new TerminalProgress<ConsumerModel.Metrics>()],
        });
        var before = trainer.Evaluate(batches);
        var history = trainer.Fit(batches);
        var after = trainer.Evaluate(batches);
        var predictions = model.Predict(inputs);

        Console.WriteLine($"loss before: {before.Loss:R}");
        Console.WriteLine($"loss after: {after.Loss:R}");
        Console.WriteLine($"epoch {history[0].Epoch} Kind loss: {history[0].Train.Kind.Loss:R}, Size loss: {history[0].Train.Size.Loss:R}");
        Console.WriteLine($"predicted classes: {predictions.Kind.Classes.shape[0]}");
        Console.WriteLine($"plot: {HistoryPlots.Curves(history, Path.Combine(args[0], "curves.png"))}");
    }
}
