using System.Linq;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.IntegrationTests;

public class CustomModuleTests
{
    [Fact]
    public void A_model_with_a_custom_trunk_and_head_trains()
    {
        manual_seed(1);
        using var model = new CustomModel();
        var (x, y1, y2) = SharingData.TwoTargets(rows: 256, width: 4, seed: 1);
        using var positive = y2.gt(0);
        var targets = new CustomModel.Targets(y1, positive.to(ScalarType.Float32));

        var history = model.CreateTrainer(new CustomModel.TrainingOptions { Epochs = 20, LearningRate = 1e-2 })
            .Fit(CustomModel.Batch.From(x, targets, batchSize: 32, shuffle: true, seed: 2));

        Assert.IsType<GatedEncoder>(model.Encoder);
        Assert.IsType<SumHead>(model.Sum);
        Assert.Contains("encoder.gate.weight", model.state_dict().Keys);
        Assert.Contains("sum.output.weight", model.state_dict().Keys);
        Assert.True(history[^1].Train.Sum.Loss < 0.2 * history[0].Train.Sum.Loss, $"{history[0].Train.Sum.Loss} -> {history[^1].Train.Sum.Loss}");
        Assert.True(history[^1].Train.Flag.Accuracy > 0.85, $"flag accuracy {history[^1].Train.Flag.Accuracy}");
        Assert.Equal(["Encoder", "Sum", "Flag"], model.Summary().Rows.Select(r => r.Component));
    }
}
