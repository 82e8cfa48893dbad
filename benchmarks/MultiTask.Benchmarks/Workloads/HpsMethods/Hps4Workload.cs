using System.Linq;
using MultiTask.Benchmarks.Weighting;

namespace MultiTask.Benchmarks.HpsMethods;

/// <summary>hps4: issue 10's 4-task hps variant, four heads (10 classes, two binary, one regression); limit 3 times static.</summary>
internal sealed class Hps4Workload() : HpsMethodsWorkload(tasks: 4)
{
    private Hps4Model.Batch[]? batches;

    public override string Name => "hps4";

    public override string Shape => "input 784; trunk 784-512-256 ReLU; 10-class, 2 binary and 1 regression heads; batch 256; Adam lr 1e-3; float32; one generated model, each loss weighting in turn";

    protected override Variant Create(WeightingMethod method, HpsTaskBatch[] data)
    {
        batches ??= [.. data.Select(b => new Hps4Model.Batch(b.Input, new Hps4Model.Targets(b.Digit, b.Even, b.Large, b.Score)))];
        var model = new Hps4With(method);
        return TrainerVariants.Create(method.Name, $"generated trainer, {method.Attribute}", Batches, batches, (Hps4Model)model, (epochs, stepProgress, interval) =>
            model.CreateTrainer(new Hps4Model.TrainingOptions { Epochs = epochs, StepProgress = stepProgress, StepProgressInterval = interval }));
    }
}
