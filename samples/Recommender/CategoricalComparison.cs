using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using MultiTask;
using MultiTask.Terminal;
using static TorchSharp.torch;

namespace Recommender;

/// <summary>
/// CTR and CVR when the outcomes depend on who sees what where: impressions from <see cref="SyntheticCategoricalImpressions"/>
/// (user, item and context ids driving 70 % of each score through hidden embeddings, the dense features the rest). MMoE and
/// PLE read the dense features alone (<see cref="MmoeModel"/> and <see cref="PleModel"/>), then the ids' embeddings beside them
/// (<see cref="EmbeddingMmoeModel"/> and <see cref="EmbeddingPleModel"/>).
/// </summary>
internal static class CategoricalComparison
{
    public const int Users = 10_000, Items = 10_000, Contexts = 8;
    private const int Rows = 50_000, Epochs = 8, BatchSize = 256;

    public static void Run()
    {
        var data = SyntheticCategoricalImpressions.Make(Rows, Users, Items, Contexts, idShare: 0.7, correlation: 0.6, dimension: 32, seed: 12);
        var impressions = data.Impressions;
        var testFrom = Rows * 4 / 5;
        var (train, test) = (arange(0, testFrom, dtype: int64), arange(testFrom, Rows, dtype: int64));
        Console.WriteLine();
        Console.WriteLine($"Categorical impressions: {Rows} ({testFrom} to train) of {Users} users, {Items} items, {Contexts} contexts; " +
            $"{impressions.Clicked.Count(c => c)} clicks, {impressions.Converted.Count(c => c)} conversions; {Epochs} epochs.");

        var features = tensor(impressions.Features);
        var (user, item, context) = (tensor(data.User), tensor(data.Item), tensor(data.Context));
        var click = TaskTarget.Binary(impressions.Clicked);
        var conversion = TaskTarget.Binary(impressions.Converted, mask: impressions.ConversionObserved);
        var table = new List<string>();

        manual_seed(1);
        using (var model = new MmoeModel())
        {
            table.Add(Report("MMoE, dense features", model, rows => MmoeModel.Batch.From(features.index_select(0, rows), new MmoeModel.Targets(click, conversion).Select(rows), BatchSize, shuffle: true, seed: 2), m => (m.Click.Auc, m.Conversion.Auc), train, test));
        }

        manual_seed(1);
        using (var model = new EmbeddingMmoeModel())
        {
            table.Add(Report("MMoE, embeddings", model, rows => EmbeddingMmoeModel.Batch.From(new EmbeddingMmoeModel.Features(user, item, context, features).Select(rows), new EmbeddingMmoeModel.Targets(click, conversion).Select(rows), BatchSize, shuffle: true, seed: 2), m => (m.Click.Auc, m.Conversion.Auc), train, test));
        }

        manual_seed(1);
        using (var model = new PleModel())
        {
            table.Add(Report("PLE, dense features", model, rows => PleModel.Batch.From(features.index_select(0, rows), new PleModel.Targets(click, conversion).Select(rows), BatchSize, shuffle: true, seed: 2), m => (m.Click.Auc, m.Conversion.Auc), train, test));
        }

        manual_seed(1);
        using (var model = new EmbeddingPleModel())
        {
            table.Add(Report("PLE, embeddings", model, rows => EmbeddingPleModel.Batch.From(new EmbeddingPleModel.Features(user, item, context, features).Select(rows), new EmbeddingPleModel.Targets(click, conversion).Select(rows), BatchSize, shuffle: true, seed: 2), m => (m.Click.Auc, m.Conversion.Auc), train, test));
        }

        Console.WriteLine();
        Console.WriteLine($"  {"model",-24}{"parameters",12}{"CTR AUC",10}{"CVR AUC",10}{"seconds",10}");
        table.ForEach(Console.WriteLine);
        Console.WriteLine("CVR AUC is over the clicked test impressions.");
    }

    private static string Report<TBatch, TMetrics>(string name, IMultiTaskModel<TBatch, TMetrics> model, Func<Tensor, IEnumerable<TBatch>> batches,
        Func<TMetrics, (double Click, double Conversion)> auc, Tensor train, Tensor test)
    {
        var clock = Stopwatch.StartNew();
        using var trainer = model.CreateTrainer(new TrainingOptions<TMetrics> { Epochs = Epochs, Callbacks = [new TerminalProgress<TMetrics> { Label = name }] });
        trainer.Fit(batches(train));
        var (clickAuc, conversionAuc) = auc(trainer.Evaluate(batches(test)));
        return $"  {name,-24}{model.Summary().Total,12:N0}{clickAuc,10:F4}{conversionAuc,10:F4}{clock.Elapsed.TotalSeconds,10:F1}";
    }
}
