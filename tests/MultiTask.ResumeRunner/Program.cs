using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using MultiTask;
using MultiTask.ResumeRunner;
using TorchSharp;
using static TorchSharp.torch;

// Usage: MultiTask.ResumeRunner train <folder>   trains every case 10 epochs in one go (straight/) and 5 epochs (first/),
//                                                 each writing a checkpoint after epoch 5;
//        MultiTask.ResumeRunner resume <folder>  resumes every case's epoch-5 checkpoints to epoch 10, in this new process.
// Each run leaves <case>/<run>.mtl (the weights) and <case>/<run>.txt (the history, every number round-trip exact).
if (args.Length != 2 || args[0] is not ("train" or "resume"))
{
    Console.Error.WriteLine("usage: MultiTask.ResumeRunner train|resume <folder>");
    return 2;
}

var (mode, root) = (args[0], Path.GetFullPath(args[1]));
foreach (var optimizer in new[] { OptimizerKind.Adam, OptimizerKind.AdamW, OptimizerKind.Sgd })
{
    Cases.Run(mode, Path.Combine(root, $"static-{optimizer}"), optimizer, () => new StaticModel(), StaticModel.Batch.From, (x, c, f) => new StaticModel.Targets(c, f));
    Cases.Run(mode, Path.Combine(root, $"uncertainty-{optimizer}"), optimizer, () => new UncertaintyModel(), UncertaintyModel.Batch.From, (x, c, f) => new UncertaintyModel.Targets(c, f));
    Cases.Run(mode, Path.Combine(root, $"pcgrad-{optimizer}"), optimizer, () => new PCGradModel(), PCGradModel.Batch.From, (x, c, f) => new PCGradModel.Targets(c, f));
}

return 0;

/// <summary>One model and optimizer trained straight, cut at epoch 5, or resumed.</summary>
internal static class Cases
{
    public const int Epochs = 10;

    public static void Run<TBatch, TMetrics, TTargets>(
        string mode,
        string folder,
        OptimizerKind optimizer,
        Func<IMultiTaskModel<TBatch, TMetrics>> create,
        Func<Tensor, TTargets, int, bool, int, IEnumerable<TBatch>> batches,
        Func<Tensor, TaskTarget, TaskTarget, TTargets> targets)
    {
        var (train, validation) = (Data(64, seed: 1), Data(32, seed: 2));
        IEnumerable<TBatch> TrainBatches() => batches(train.Input, targets(train.Input, train.Category, train.Flag), 16, true, 5);
        IEnumerable<TBatch> ValidationBatches() => batches(validation.Input, targets(validation.Input, validation.Category, validation.Flag), 16, false, 0);
        if (mode == "train")
        {
            Directory.CreateDirectory(folder);
            Train(folder, "straight", optimizer, create, TrainBatches(), ValidationBatches(), Epochs, null);
            Train(folder, "first", optimizer, create, TrainBatches(), ValidationBatches(), Epochs / 2, null);
        }
        else
        {
            Train(folder, "resumed", optimizer, create, TrainBatches(), ValidationBatches(), Epochs, Path.Combine(folder, "first", "epoch-0005.mtlckpt"));
            Train(folder, "resumed-mid-run", optimizer, create, TrainBatches(), ValidationBatches(), Epochs, Path.Combine(folder, "straight", "epoch-0005.mtlckpt"));
        }
    }

    private static void Train<TBatch, TMetrics>(string folder, string run, OptimizerKind optimizer, Func<IMultiTaskModel<TBatch, TMetrics>> create, IEnumerable<TBatch> train, IEnumerable<TBatch> validation, int epochs, string? resumeFrom)
    {
        // A resumed run starts from other initial weights: the checkpoint must replace them.
        torch.manual_seed(resumeFrom is null ? 3 : 1234);
        var model = create();
        var options = new TrainingOptions<TMetrics>
        {
            Epochs = epochs,
            LearningRate = 0.01,
            WeightDecay = 1e-3,
            Optimizer = optimizer,
            Seed = 17,
            Schedule = LearningRateSchedule.Cosine(Epochs, minFactor: 0.1, warmupSteps: 6),
            Callbacks = resumeFrom is null ? [new CheckpointCallback<TMetrics>(Path.Combine(folder, run), every: 5)] : [],
        };
        using var trainer = model.CreateTrainer(options);
        var history = trainer.Fit(train, validation, resumeFrom);
        ModelFile.Save((nn.Module)model, model.Tasks, Path.Combine(folder, run + ".mtl"));
        File.WriteAllLines(Path.Combine(folder, run + ".txt"), history.Select(Describe));
        model.Dispose();
    }

    private static string Describe<TMetrics>(EpochResult<TMetrics> epoch)
    {
        static string Results(EvaluationResult? result) => result is null ? "-" : string.Join(" ", result.Tasks.SelectMany(t => t.Scalars()).Select(s => $"{s.Key}={s.Value:R}").Prepend($"loss={result.Loss:R}"));
        return string.Join(
            " | ",
            epoch.Epoch.ToString(CultureInfo.InvariantCulture),
            Results(epoch.TrainEvaluation),
            Results(epoch.ValidationEvaluation),
            string.Join(" ", epoch.LossWeights.Select(w => $"{w.Key}={w.Value:R}")),
            string.Join(" ", epoch.LearningRates.Select(r => $"{r.Key}={r.Value:R}")));
    }

    /// <summary>Rows of 6 features: the category is which of the first three is largest, the flag whether the fourth is positive.</summary>
    private static (Tensor Input, TaskTarget Category, TaskTarget Flag) Data(int rows, int seed)
    {
        var random = new Random(seed);
        var input = new float[rows, 6];
        var category = new long[rows];
        var flag = new bool[rows];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < 6; c++)
            {
                input[r, c] = (float)((random.NextDouble() * 2) - 1);
            }

            category[r] = input[r, 0] >= input[r, 1] ? (input[r, 0] >= input[r, 2] ? 0 : 2) : (input[r, 1] >= input[r, 2] ? 1 : 2);
            flag[r] = input[r, 3] > 0;
        }

        return (torch.tensor(input), TaskTarget.Classes(category), TaskTarget.Binary(flag));
    }
}
