using System;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.IntegrationTests;

public class RegressionTests
{
    [Fact]
    public void A_model_without_a_trunk_fits_two_linear_regression_tasks()
    {
        manual_seed(1);
        using var model = new RegressionPairModel();
        var random = new Random(2);
        const int rows = 256;
        var input = new float[rows, 4];
        var pair = new float[rows, 2];
        var single = new float[rows];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < 4; c++) input[r, c] = (float)(random.NextDouble() * 2 - 1);
            pair[r, 0] = input[r, 0] + input[r, 1];
            pair[r, 1] = input[r, 2] - input[r, 3];
            single[r] = 2 * input[r, 0];
        }
        var batches = RegressionPairModel.Batch.From(tensor(input),
            new RegressionPairModel.Targets(TaskTarget.Values(pair), TaskTarget.Values(single)), batchSize: 32, shuffle: true, seed: 3);
        var trainer = model.CreateTrainer(new RegressionPairModel.TrainingOptions { Epochs = 30, LearningRate = 1e-2 });

        trainer.Fit(batches);
        var metrics = trainer.Evaluate(batches);

        Assert.True(metrics.Pair.R2 > 0.95, $"pair R2 {metrics.Pair.R2}");
        Assert.True(metrics.Single.R2 > 0.95, $"single R2 {metrics.Single.R2}");
        Assert.Equal(new long[] { rows, 2 }, model.Predict(tensor(input)).Pair.Values.shape);
        Assert.Equal(new long[] { rows }, model.Predict(tensor(input)).Single.Values.shape);
    }
}
