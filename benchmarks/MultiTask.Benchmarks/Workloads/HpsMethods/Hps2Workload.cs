using System.Linq;
using MultiTask.Benchmarks.Weighting;

namespace MultiTask.Benchmarks.HpsMethods;

/// <summary>hps2: issue 10's hps with its two tasks (the hps workload's 10-class and binary heads); limit 2 times static.</summary>
internal sealed class Hps2Workload() : HpsMethodsWorkload(tasks: 2)
{
    private Hps2Model.Batch[]? batches;

    public override string Name => "hps2";

    public override string Shape => "input 784; trunk 784-512-256 ReLU; 10-class and binary heads; batch 256; Adam lr 1e-3; float32; one generated model, each loss weighting in turn";

    protected override Variant Create(WeightingMethod method, HpsTaskBatch[] data)
    {
        batches ??= [.. data.Select(b => new Hps2Model.Batch(b.Input, new Hps2Model.Targets(b.Digit, b.Even)))];
        var model = new Hps2With(method);
        return TrainerVariants.Create(method.Name, $"generated trainer, {method.Attribute}", Batches, batches, (Hps2Model)model, (epochs, stepProgress, interval) =>
            model.CreateTrainer(new Hps2Model.TrainingOptions { Epochs = epochs, StepProgress = stepProgress, StepProgressInterval = interval }));
    }
}
