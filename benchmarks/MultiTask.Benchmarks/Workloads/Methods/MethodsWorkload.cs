using System;
using System.Collections.Generic;
using System.Linq;
using MultiTask;
using static TorchSharp.torch;

namespace MultiTask.Benchmarks.Methods;

/// <summary>
/// methods (issue 10's mtl-small): every loss weighting on the MMoE paper's shared bottom (input 100, trunk 113 ReLU, towers
/// 8-1, two regression tasks, batch 128, Adam 1e-3) over 40 batches of its synthetic tasks (correlation 0.5); a round is 120
/// steps (three trainer epochs). Each method's speed against static weighting, with the issue's targets.
/// </summary>
internal sealed class MethodsWorkload : IWorkload
{
    private const int BatchSize = 128;
    private const int Batches = 40;

    private (Tensor X, Tensor A, Tensor B)? data;

    public string Name => "methods";

    public string Shape => "input 100; trunk 113 ReLU; towers 8-1; 2 regression tasks; batch 128; Adam lr 1e-3; float32; one model per loss weighting";

    public int StepsPerRound => 3 * Batches;

    public IReadOnlyList<string> VariantNames { get; } = ["static", "uncertainty", "dwa", "rlw", "dbmtl", "pcgrad", "mgda", "mgda-ub", "cagrad", "imtl", "aligned-mtl", "upgrad", "nash-mtl", "gradnorm", "famo"];

    public IReadOnlyList<string> SpeedVariants => VariantNames;

    public IReadOnlyList<string> MemoryVariants => VariantNames;

    /// <summary>Speed ratios against static weighting; the targets are issue 10's cost limits (a cost of c is a ratio of 1/c).</summary>
    public IReadOnlyList<Comparison> Comparisons { get; } =
    [
        new("uncertainty", "static", "uncertainty / static (cost <= 1.1x)", 1 / 1.1),
        new("dwa", "static", "DWA / static (cost <= 1.1x)", 1 / 1.1),
        new("rlw", "static", "RLW / static (cost <= 1.1x)", 1 / 1.1),
        new("dbmtl", "static", "DB-MTL / static (a gradient method: cost <= 1.45x)", 1 / 1.45),
        new("pcgrad", "static", "PCGrad / static (cost <= 1.45x)", 1 / 1.45),
        new("mgda", "static", "MGDA / static (cost <= 1.45x)", 1 / 1.45),
        new("mgda-ub", "static", "MGDA-UB / static (cost <= 1.3x)", 1 / 1.3),
        new("cagrad", "static", "CAGrad / static (cost <= 1.6x)", 1 / 1.6),
        new("imtl", "static", "IMTL-G / static (cost <= 1.45x)", 1 / 1.45),
        new("aligned-mtl", "static", "Aligned-MTL / static (cost <= 1.45x)", 1 / 1.45),
        new("upgrad", "static", "UPGrad / static (cost <= 1.45x)", 1 / 1.45),
        new("nash-mtl", "static", "Nash-MTL / static (cost <= 1.45x)", 1 / 1.45),
        new("gradnorm", "static", "GradNorm / static (cost <= 1.5x)", 1 / 1.5),
        new("famo", "static", "FAMO / static (cost <= 1.3x)", 1 / 1.3),
    ];

    public Variant Create(string name) => name switch
    {
        "static" => Trainer<StaticModel, StaticModel.Batch, StaticModel.Metrics>(name, new StaticModel(), (x, a, b) => StaticModel.Batch.From(x, new StaticModel.Targets(a, b), BatchSize)),
        "uncertainty" => Trainer<UncertaintyModel, UncertaintyModel.Batch, UncertaintyModel.Metrics>(name, new UncertaintyModel(), (x, a, b) => UncertaintyModel.Batch.From(x, new UncertaintyModel.Targets(a, b), BatchSize)),
        "dwa" => Trainer<DwaModel, DwaModel.Batch, DwaModel.Metrics>(name, new DwaModel(), (x, a, b) => DwaModel.Batch.From(x, new DwaModel.Targets(a, b), BatchSize)),
        "rlw" => Trainer<RlwModel, RlwModel.Batch, RlwModel.Metrics>(name, new RlwModel(), (x, a, b) => RlwModel.Batch.From(x, new RlwModel.Targets(a, b), BatchSize)),
        "dbmtl" => Trainer<DbMtlModel, DbMtlModel.Batch, DbMtlModel.Metrics>(name, new DbMtlModel(), (x, a, b) => DbMtlModel.Batch.From(x, new DbMtlModel.Targets(a, b), BatchSize)),
        "pcgrad" => Trainer<PCGradModel, PCGradModel.Batch, PCGradModel.Metrics>(name, new PCGradModel(), (x, a, b) => PCGradModel.Batch.From(x, new PCGradModel.Targets(a, b), BatchSize)),
        "mgda" => Trainer<MgdaModel, MgdaModel.Batch, MgdaModel.Metrics>(name, new MgdaModel(), (x, a, b) => MgdaModel.Batch.From(x, new MgdaModel.Targets(a, b), BatchSize)),
        "mgda-ub" => Trainer<MgdaUbModel, MgdaUbModel.Batch, MgdaUbModel.Metrics>(name, new MgdaUbModel(), (x, a, b) => MgdaUbModel.Batch.From(x, new MgdaUbModel.Targets(a, b), BatchSize)),
        "cagrad" => Trainer<CAGradModel, CAGradModel.Batch, CAGradModel.Metrics>(name, new CAGradModel(), (x, a, b) => CAGradModel.Batch.From(x, new CAGradModel.Targets(a, b), BatchSize)),
        "imtl" => Trainer<ImtlModel, ImtlModel.Batch, ImtlModel.Metrics>(name, new ImtlModel(), (x, a, b) => ImtlModel.Batch.From(x, new ImtlModel.Targets(a, b), BatchSize)),
        "aligned-mtl" => Trainer<AlignedMtlModel, AlignedMtlModel.Batch, AlignedMtlModel.Metrics>(name, new AlignedMtlModel(), (x, a, b) => AlignedMtlModel.Batch.From(x, new AlignedMtlModel.Targets(a, b), BatchSize)),
        "upgrad" => Trainer<UPGradModel, UPGradModel.Batch, UPGradModel.Metrics>(name, new UPGradModel(), (x, a, b) => UPGradModel.Batch.From(x, new UPGradModel.Targets(a, b), BatchSize)),
        "nash-mtl" => Trainer<NashMtlModel, NashMtlModel.Batch, NashMtlModel.Metrics>(name, new NashMtlModel(), (x, a, b) => NashMtlModel.Batch.From(x, new NashMtlModel.Targets(a, b), BatchSize)),
        "gradnorm" => Trainer<GradNormModel, GradNormModel.Batch, GradNormModel.Metrics>(name, new GradNormModel(), (x, a, b) => GradNormModel.Batch.From(x, new GradNormModel.Targets(a, b), BatchSize)),
        "famo" => Trainer<FamoModel, FamoModel.Batch, FamoModel.Metrics>(name, new FamoModel(), (x, a, b) => FamoModel.Batch.From(x, new FamoModel.Targets(a, b), BatchSize)),
        _ => throw new ArgumentException($"Unknown methods variant '{name}'. Known: {string.Join(", ", VariantNames)}."),
    };

    /// <summary>The generated trainer of <paramref name="model"/> over the workload's batches (made once, outside any dispose scope).</summary>
    private Variant Trainer<TModel, TBatch, TMetrics>(string name, TModel model, Func<Tensor, Tensor, Tensor, IEnumerable<TBatch>> batches)
        where TModel : nn.Module, IMultiTaskModel<TBatch, TMetrics>
    {
        var (x, a, b) = data ??= MakeData();
        var premade = batches(x, a, b).ToArray();
        return TrainerVariants.Create(name, $"generated trainer, {name} loss weighting", Batches, premade, model, (epochs, stepProgress, interval) =>
            (MultiTaskTrainer<TModel, TBatch, TMetrics>)model.CreateTrainer(new TrainingOptions<TMetrics> { Epochs = epochs, StepProgress = stepProgress, StepProgressInterval = interval }));
    }

    private static (Tensor X, Tensor A, Tensor B) MakeData()
    {
        manual_seed(1);
        var tasks = SyntheticTasks.Regression(BatchSize * Batches, correlation: 0.5, dimension: 100, seed: 1);
        return (tensor(tasks.Features).DetachFromDisposeScope(), tensor(tasks.Task1).DetachFromDisposeScope(), tensor(tasks.Task2).DetachFromDisposeScope());
    }
}
