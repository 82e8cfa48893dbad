using System.Linq;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.IntegrationTests;

public class AutoencoderTrunkTests
{
    [Fact]
    public void The_reconstruction_term_is_in_the_losses_and_the_total()
    {
        manual_seed(1);
        using var model = new CodeModel();
        var (x, value, sign) = SharingData.Factors(rows: 16, seed: 1);

        var outputs = model.forward(x);
        var losses = model.ComputeLoss(outputs, new CodeModel.Targets(value, sign), x);

        Assert.Equal([16L, 6L], outputs.Reconstruction.shape);
        Assert.Equal(nn.functional.mse_loss(outputs.Reconstruction, x).item<float>(), losses.Reconstruction.item<float>(), 6);
        Assert.Equal(losses.Value.item<float>() + losses.Sign.item<float>() + 0.5 * losses.Reconstruction.item<float>(), losses.Total.item<float>(), 5);
    }

    [Fact]
    public void Joint_training_lowers_the_reconstruction_error_and_the_tasks_learn()
    {
        manual_seed(2);
        using var model = new CodeModel();
        var (x, value, sign) = SharingData.Factors(rows: 256, seed: 2);
        var targets = new CodeModel.Targets(value, sign);
        double Reconstruction()
        {
            using var inference = Inference.Enter(model);
            return model.ComputeLoss(model.forward(x), targets, x).Reconstruction.item<float>();
        }

        var before = Reconstruction();
        var trainer = model.CreateTrainer(new CodeModel.TrainingOptions { Epochs = 40, LearningRate = 1e-2 });
        var history = trainer.Fit(CodeModel.Batch.From(x, targets, batchSize: 32, shuffle: true, seed: 3));
        var after = Reconstruction();

        Assert.True(after < 0.5 * before, $"reconstruction {before} -> {after}");
        Assert.True(history[^1].Train.Value.Loss < 0.5 * history[0].Train.Value.Loss, $"value loss {history[0].Train.Value.Loss} -> {history[^1].Train.Value.Loss}");
    }

    [Fact]
    public void Pretraining_on_unlabeled_rows_lowers_the_reconstruction_error()
    {
        manual_seed(4);
        using var model = new CodeModel();
        var (x, _, _) = SharingData.Factors(rows: 256, seed: 4);
        var trainer = model.CreateTrainer(new CodeModel.TrainingOptions { LearningRate = 1e-2 });

        var epochs = trainer.PretrainAutoencoder(x.split(32), epochs: 30, validation: [x[..64]]);

        Assert.Equal(30, epochs.Count);
        Assert.Equal([0.01], epochs.Select(e => e.LearningRates[AutoencoderPretraining.Group]).Distinct());
        Assert.True(epochs[^1].Train.Loss < 0.3 * epochs[0].Train.Loss, string.Join(", ", epochs.Select(e => e.Train.Loss.ToString("F4"))));
        Assert.True(epochs[^1].Validation!.Loss < 0.3 * epochs[0].Validation!.Loss);
    }
}
