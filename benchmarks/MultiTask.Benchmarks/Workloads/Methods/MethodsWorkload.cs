using System;
using System.Collections.Generic;
using System.Linq;
using MultiTask;
using MultiTask.Benchmarks.Weighting;
using static TorchSharp.torch;

namespace MultiTask.Benchmarks.Methods;

/// <summary>
/// methods (issue 10's mtl-small): every loss weighting of <see cref="WeightingMethods"/> on the MMoE paper's shared bottom
/// (input 100, trunk 113 ReLU, towers 8-1, two regression tasks, batch 128, Adam 1e-3) over 40 batches of its synthetic tasks
/// (correlation 0.5); a round is 120 steps (three trainer epochs). Each method's speed against static weighting, with the
/// issue's targets; the memory mode reports each method's peak RSS and live tensors over 2,000 steps.
/// </summary>
internal sealed class MethodsWorkload : IWorkload
{
    private const int BatchSize = 128;
    private const int Batches = 40;

    private (Tensor X, Tensor A, Tensor B)? data;

    public string Name => "methods";

    public string Shape => "input 100; trunk 113 ReLU; towers 8-1; 2 regression tasks; batch 128; Adam lr 1e-3; float32; one generated model, each loss weighting in turn";

    public int StepsPerRound => 3 * Batches;

    public IReadOnlyList<string> VariantNames => WeightingMethods.Names;

    public IReadOnlyList<string> SpeedVariants => VariantNames;

    public IReadOnlyList<string> MemoryVariants => VariantNames;

    public IReadOnlyList<Comparison> Comparisons { get; } = MethodComparisons.AgainstStatic(m => m.TargetCost);

    public Variant Create(string name)
    {
        var method = WeightingMethods.Named(name);
        var (x, a, b) = data ??= MakeData();
        var model = new MtlSmallWith(method);
        var batches = MtlSmallModel.Batch.From(x, new MtlSmallModel.Targets(a, b), BatchSize).ToArray();
        return TrainerVariants.Create(name, $"generated trainer, {method.Attribute}", Batches, batches, (MtlSmallModel)model, (epochs, stepProgress, interval) =>
            model.CreateTrainer(new MtlSmallModel.TrainingOptions { Epochs = epochs, StepProgress = stepProgress, StepProgressInterval = interval }));
    }

    private static (Tensor X, Tensor A, Tensor B) MakeData()
    {
        manual_seed(1);
        var tasks = SyntheticTasks.Regression(BatchSize * Batches, correlation: 0.5, dimension: 100, seed: 1);
        return (tensor(tasks.Features).DetachFromDisposeScope(), tensor(tasks.Task1).DetachFromDisposeScope(), tensor(tasks.Task2).DetachFromDisposeScope());
    }
}
