using System.Linq;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.IntegrationTests;

public class SoftSharingTests
{
    [Fact]
    public void Penalty_equals_the_formula_by_hand_and_joins_the_total()
    {
        manual_seed(3);
        using var model = new TinySoftModel();
        var (x, y1, y2) = SharingData.TwoTargets(rows: 5, width: 2, seed: 1);

        var losses = model.ComputeLoss(model.forward(x), new TinySoftModel.Targets(y1, y2));

        // Towers: Linear(2, 3) -> activation; parameters 0.weight [3, 2] and 0.bias [3] of each.
        var a = model.A.Tower.named_parameters().ToDictionary(p => p.name, p => p.parameter.data<float>().ToArray());
        var b = model.B.Tower.named_parameters().ToDictionary(p => p.name, p => p.parameter.data<float>().ToArray());
        Assert.Equal(["0.weight", "0.bias"], a.Keys);
        double distance = 0;
        foreach (var name in a.Keys)
        {
            for (var i = 0; i < a[name].Length; i++)
            {
                var mean = (a[name][i] + b[name][i]) / 2.0;
                distance += (a[name][i] - mean) * (a[name][i] - mean) + (b[name][i] - mean) * (b[name][i] - mean);
            }
        }

        Assert.Equal(0.5 * distance, losses.SoftSharing.item<float>(), 5);
        Assert.Equal(losses.A.item<float>() + losses.B.item<float>() + losses.SoftSharing.item<float>(), losses.Total.item<float>(), 5);
    }

    [Fact]
    public void The_penalty_is_no_module_and_adds_no_state()
    {
        using var model = new TinySoftModel();
        var keys = model.state_dict().Keys.ToArray();
        Assert.All(keys, key => Assert.True(key.StartsWith("a.", System.StringComparison.Ordinal) || key.StartsWith("b.", System.StringComparison.Ordinal), key));
        Assert.Equal(["A", "B"], model.Summary().Rows.Select(r => r.Component));
    }

    [Fact]
    public void A_large_lambda_pulls_the_towers_together_and_lambda_zero_leaves_them_apart()
    {
        var (x, y1, y2) = SharingData.TwoTargets(rows: 128, width: 4, seed: 2);
        double Distance(Head a, Head b) => SoftSharingPenalty.Compute(1, [a.Tower, b.Tower]).item<float>();

        manual_seed(5);
        using var independent = new IndependentTowersModel();
        var before = Distance(independent.A, independent.B);
        independent.CreateTrainer(new IndependentTowersModel.TrainingOptions { Epochs = 30, LearningRate = 1e-2 })
            .Fit(IndependentTowersModel.Batch.From(x, new IndependentTowersModel.Targets(y1, y2), batchSize: 32));
        var apart = Distance(independent.A, independent.B);

        manual_seed(5);
        using var pulled = new PulledTowersModel();
        Assert.Equal(before, Distance(pulled.A, pulled.B), 5);
        pulled.CreateTrainer(new PulledTowersModel.TrainingOptions { Epochs = 30, LearningRate = 1e-2 })
            .Fit(PulledTowersModel.Batch.From(x, new PulledTowersModel.Targets(y1, y2), batchSize: 32));
        var together = Distance(pulled.A, pulled.B);

        Assert.True(apart > 0.5 * before, $"lambda 0: distance {before} -> {apart}");
        Assert.True(together < 0.05 * before, $"lambda 1: distance {before} -> {together}");
    }

    [Fact]
    public void With_lambda_zero_a_tower_trains_independently_of_the_other_task()
    {
        var (x, y1, y2) = SharingData.TwoTargets(rows: 64, width: 4, seed: 3);
        float[] TrainA(Tensor otherTarget)
        {
            manual_seed(8);
            using var model = new IndependentTowersModel();
            model.CreateTrainer(new IndependentTowersModel.TrainingOptions { Epochs = 5, LearningRate = 1e-2 })
                .Fit(IndependentTowersModel.Batch.From(x, new IndependentTowersModel.Targets(y1, otherTarget), batchSize: 16));
            return model.A.Tower.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();
        }

        Assert.Equal(TrainA(y2), TrainA(y2 * 10 + 3));
    }
}
