using System.Linq;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.IntegrationTests;

/// <summary>Heads named with an escaped keyword, Chinese, Cyrillic, a leading underscore and digits (docs/architecture.md, "Names").</summary>
[MultiTaskModel(InputSize = 4)]
public partial class NamedHeadsModel
{
    [SharedTrunk(8)]
    public partial Trunk Body { get; }

    [ClassificationHead(Classes = 3)]
    public partial Head @class { get; }

    [BinaryHead]
    public partial Head 点击率 { get; }

    [BinaryHead]
    public partial Head Конверсия { get; }

    [RegressionHead]
    public partial Head _raw { get; }

    [RegressionHead(Outputs = 2)]
    public partial Head x2y { get; }
}

public sealed class NameTests
{
    [Fact]
    public void A_model_with_heads_of_every_kind_of_name_builds_runs_and_trains()
    {
        manual_seed(1);
        using var model = new NamedHeadsModel();
        using var input = randn(32, 4);
        using var classes = randint(0, 3, [32], dtype: ScalarType.Int64);
        using var clicks = randint(0, 2, [32]).to(ScalarType.Float32);
        using var conversions = randint(0, 2, [32]).to(ScalarType.Float32);
        using var raw = randn(32);
        using var pairs = randn(32, 2);
        var targets = new NamedHeadsModel.Targets(classes, clicks, conversions, raw, pairs);

        NamedHeadsModel.Outputs outputs = model.forward(input);
        Assert.Equal([32L, 3L], outputs.@class.shape);
        Assert.Equal([32L], outputs.点击率.shape);
        Assert.Equal([32L], outputs.Конверсия.shape);
        Assert.Equal([32L], outputs._raw.shape);
        Assert.Equal([32L, 2L], outputs.x2y.shape);

        var history = model.CreateTrainer(new NamedHeadsModel.TrainingOptions { Epochs = 1 })
            .Fit(NamedHeadsModel.Batch.From(input, targets, batchSize: 32));

        Assert.Single(history);
        Assert.True(double.IsFinite(history[0].Train.@class.Loss));
        Assert.True(double.IsFinite(history[0].Train.点击率.Loss));
        Assert.True(double.IsFinite(history[0].Train.Конверсия.Loss));
        Assert.True(double.IsFinite(history[0].Train._raw.Loss));
        Assert.True(double.IsFinite(history[0].Train.x2y.Loss));

        // The task's runtime name is the user's identifier without the @; the state-dict prefix is the field.
        Assert.Equal(["class", "点击率", "Конверсия", "_raw", "x2y"], ((IMultiTaskNetwork<NamedHeadsModel.Batch>)model).Tasks.Select(t => t.Name));
        Assert.Equal(["Body", "class", "点击率", "Конверсия", "_raw", "x2y"], model.Summary().Rows.Select(r => r.Component));
        string[] prefixes = model.state_dict().Keys.Select(k => k.Substring(0, k.IndexOf('.'))).Distinct().Order(System.StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { "__raw", "_class", "_x2y", "_点击率", "body", "конверсия" }.Order(System.StringComparer.Ordinal), prefixes);
        Assert.Contains("_class.output.weight", model.state_dict().Keys);
        Assert.Contains("_点击率.output.weight", model.state_dict().Keys);
        Assert.Contains("конверсия.output.weight", model.state_dict().Keys);
    }
}
