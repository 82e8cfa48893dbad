using System;
using MultiTask;
using MultiTask.Terminal;
using static TorchSharp.torch;

namespace SharingStrategies;

/// <summary>Trains one model of each sharing strategy on standardized rows and returns its predictor ([N, 3] out).</summary>
internal static class Strategies
{
    private const double LearningRate = 1e-2;
    private const int BatchSize = 8;

    public static (string Name, Func<Tensor, Tensor, int, Func<Tensor, Tensor>> Fit)[] All =>
    [
        ("independent towers (lambda 0)", Independent),
        ("soft sharing (lambda 0.05)", Soft),
        ("hard sharing (shared trunk)", Hard),
        ("autoencoder (2-wide code, pre-trained)", Autoencoder),
    ];

    /// <summary>A bar while a fit runs and one line when it ends (a fit per strategy and fold).</summary>
    private static TerminalProgress<TMetrics> Progress<TMetrics>(string label, int epochs) => new() { Label = label, EpochLineInterval = epochs };

    private static Func<Tensor, Tensor> Independent(Tensor x, Tensor y, int epochs)
    {
        manual_seed(1);
        var model = new IndependentModel();
        model.CreateTrainer(new IndependentModel.TrainingOptions { Epochs = epochs, LearningRate = LearningRate, Callbacks = [Progress<IndependentModel.Metrics>("independent towers", epochs)] })
            .Fit(IndependentModel.Batch.From(x, new IndependentModel.Targets(y[.., 0], y[.., 1], y[.., 2]), BatchSize, shuffle: true, seed: 2));
        return input =>
        {
            var p = model.Predict(input);
            return stack([p.Weight.Values, p.Waist.Values, p.Pulse.Values], 1);
        };
    }

    private static Func<Tensor, Tensor> Soft(Tensor x, Tensor y, int epochs)
    {
        manual_seed(1);
        var model = new SoftSharingModel();
        model.CreateTrainer(new SoftSharingModel.TrainingOptions { Epochs = epochs, LearningRate = LearningRate, Callbacks = [Progress<SoftSharingModel.Metrics>("soft sharing", epochs)] })
            .Fit(SoftSharingModel.Batch.From(x, new SoftSharingModel.Targets(y[.., 0], y[.., 1], y[.., 2]), BatchSize, shuffle: true, seed: 2));
        return input =>
        {
            var p = model.Predict(input);
            return stack([p.Weight.Values, p.Waist.Values, p.Pulse.Values], 1);
        };
    }

    private static Func<Tensor, Tensor> Hard(Tensor x, Tensor y, int epochs)
    {
        manual_seed(1);
        var model = new HardSharingModel();
        model.CreateTrainer(new HardSharingModel.TrainingOptions { Epochs = epochs, LearningRate = LearningRate, Callbacks = [Progress<HardSharingModel.Metrics>("hard sharing", epochs)] })
            .Fit(HardSharingModel.Batch.From(x, new HardSharingModel.Targets(y[.., 0], y[.., 1], y[.., 2]), BatchSize, shuffle: true, seed: 2));
        return input =>
        {
            var p = model.Predict(input);
            return stack([p.Weight.Values, p.Waist.Values, p.Pulse.Values], 1);
        };
    }

    private static Func<Tensor, Tensor> Autoencoder(Tensor x, Tensor y, int epochs)
    {
        manual_seed(1);
        var model = new AutoencoderModel();
        var trainer = model.CreateTrainer(new AutoencoderModel.TrainingOptions { Epochs = epochs, LearningRate = LearningRate, Callbacks = [Progress<AutoencoderModel.Metrics>("autoencoder", epochs)] });
        trainer.PretrainAutoencoder(x.split(BatchSize), epochs: epochs / 4);    // the code first learns the inputs alone
        trainer.Fit(AutoencoderModel.Batch.From(x, new AutoencoderModel.Targets(y[.., 0], y[.., 1], y[.., 2]), BatchSize, shuffle: true, seed: 2));
        return input =>
        {
            var p = model.Predict(input);
            return stack([p.Weight.Values, p.Waist.Values, p.Pulse.Values], 1);
        };
    }
}
