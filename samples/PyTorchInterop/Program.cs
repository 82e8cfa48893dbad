// Takes a model past one machine (docs/scaling.md): export it to PyTorch, train it there (eng/pytorch/train_ddp.py,
// under torchrun), import the result back.
//
//   dotnet run --project samples/PyTorchInterop -- export out    # trains 2 epochs in C#, writes out/export, out/data.safetensors
//   torchrun --nproc_per_node=1 eng/pytorch/train_ddp.py --export out/export --data out/data.safetensors --out out/trained.safetensors ...
//   dotnet run --project samples/PyTorchInterop -- import out    # loads out/trained.safetensors, evaluates it in C#
using System;
using System.IO;
using MultiTask;
using Samples.PyTorchInterop;
using TorchSharp;
using static TorchSharp.torch;

if (args.Length != 2 || args[0] is not ("export" or "import"))
{
    Console.Error.WriteLine("usage: export <folder> | import <folder>");
    return 2;
}

string folder = Path.GetFullPath(args[1]);
var (input, largest, positive) = Data(rows: 2048, seed: 1);
var batches = ScaleOutModel.Batch.From(input, new ScaleOutModel.Targets(TaskTarget.Classes(largest), TaskTarget.Binary(positive)), batchSize: 64);
manual_seed(1);
using var model = new ScaleOutModel();
if (args[0] == "export")
{
    model.CreateTrainer(new ScaleOutModel.TrainingOptions { Epochs = 2, LearningRate = 3e-3 }).Fit(batches);
    Report("trained 2 epochs in C#", model.CreateTrainer().Evaluate(batches));
    model.ExportPyTorch(Path.Combine(folder, "export"));
    using var flags = tensor(positive).to(float32);
    PyTorchInterop.SaveSafetensors(Path.Combine(folder, "data.safetensors"), ("input", input), ("target.Largest", tensor(largest)), ("target.Positive", flags));
    PyTorchInterop.SaveSafetensors(Path.Combine(folder, "probe.safetensors"), ("input", input[..16]));
    Console.WriteLine($"wrote {Path.Combine(folder, "export")} and {Path.Combine(folder, "data.safetensors")}");
}
else
{
    model.ImportPyTorch(Path.Combine(folder, "trained.safetensors"));
    Report("imported from PyTorch", model.CreateTrainer().Evaluate(batches));
    string predictions = Path.Combine(folder, "predictions.safetensors");
    if (File.Exists(predictions))
    {
        model.eval();
        using var noGrad = no_grad();
        var outputs = model.forward(input[..16]);
        var python = PyTorchInterop.LoadSafetensors(predictions);
        double difference = Math.Max(outputs.Largest.sub(python["Largest"]).abs().max().ToDouble(), outputs.Positive.sub(python["Positive"]).abs().max().ToDouble());
        Console.WriteLine($"largest difference from PyTorch's outputs on the probe rows: {difference:E2}");
    }
}

return 0;

static void Report(string what, ScaleOutModel.Metrics metrics)
    => Console.WriteLine($"{what}: loss {metrics.Loss:F4}, Largest accuracy {metrics.Largest.Accuracy:F3}, Positive AUC {metrics.Positive.Auc:F3}");

static (Tensor Input, long[] Largest, bool[] Positive) Data(int rows, int seed)
{
    var random = new Random(seed);
    var input = new float[rows, 8];
    var largest = new long[rows];
    var positive = new bool[rows];
    for (var r = 0; r < rows; r++)
    {
        for (var c = 0; c < 8; c++)
        {
            input[r, c] = (float)(random.NextDouble() * 2 - 1);
        }

        largest[r] = input[r, 0] >= input[r, 1] ? (input[r, 0] >= input[r, 2] ? 0 : 2) : (input[r, 1] >= input[r, 2] ? 1 : 2);
        positive[r] = input[r, 3] > 0;
    }

    return (tensor(input), largest, positive);
}
