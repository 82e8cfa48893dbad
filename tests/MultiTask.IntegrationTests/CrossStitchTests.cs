using System.Linq;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.IntegrationTests;

public class CrossStitchTests
{
    [Fact]
    public void Head_k_reads_tower_k_of_the_network()
    {
        manual_seed(4);
        using var model = new StitchedModel();
        var (x, _, _) = SharingData.TwoTargets(rows: 10, width: 4, seed: 4);

        var outputs = model.forward(x);
        var towers = model.Towers.forward(x);

        Assert.Equal([10L], outputs.A.shape);
        Assert.Equal([10L], outputs.B.shape);
        Assert.True(outputs.A.allclose(model.A.forward(towers[0]), rtol: 1e-5, atol: 1e-6));
        Assert.True(outputs.B.allclose(model.B.forward(towers[1]), rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void State_dict_holds_the_towers_the_mixings_and_the_heads()
    {
        using var model = new StitchedModel();

        var keys = model.state_dict().Keys.Order().ToArray();

        string[] expected =
        [
            "a.output.bias", "a.output.weight", "a.tower.0.bias", "a.tower.0.weight",
            "b.output.bias", "b.output.weight",
            "towers.stitches",
            "towers.towers.0.0.0.bias", "towers.towers.0.0.0.weight", "towers.towers.0.1.0.bias", "towers.towers.0.1.0.weight",
            "towers.towers.1.0.0.bias", "towers.towers.1.0.0.weight", "towers.towers.1.1.0.bias", "towers.towers.1.1.0.weight",
        ];
        Assert.Equal(expected.Order(), keys);
        Assert.Equal([2L, 2L, 2L], model.Towers.Stitches.shape);
    }

    [Fact]
    public void One_training_step_moves_the_mixings_and_training_lowers_both_losses()
    {
        manual_seed(5);
        using var model = new StitchedModel();
        var (x, y1, y2) = SharingData.TwoTargets(rows: 256, width: 4, seed: 5);
        using var before = model.Towers.Stitches.detach().clone();

        model.CreateTrainer(new StitchedModel.TrainingOptions { Epochs = 1, LearningRate = 1e-2 })
            .Fit(StitchedModel.Batch.From(x, new StitchedModel.Targets(y1, y2), batchSize: 256));

        Assert.False(model.Towers.Stitches.detach().allclose(before), "one step left the mixings unchanged");

        var history = model.CreateTrainer(new StitchedModel.TrainingOptions { Epochs = 20, LearningRate = 1e-2 })
            .Fit(StitchedModel.Batch.From(x, new StitchedModel.Targets(y1, y2), batchSize: 32, shuffle: true, seed: 1));

        Assert.True(history[^1].Train.A.Loss < 0.2 * history[0].Train.A.Loss, $"A: {history[0].Train.A.Loss} -> {history[^1].Train.A.Loss}");
        Assert.True(history[^1].Train.B.Loss < 0.2 * history[0].Train.B.Loss, $"B: {history[0].Train.B.Loss} -> {history[^1].Train.B.Loss}");
    }
}
