using System.Linq;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.IntegrationTests;

public class TrainingTests
{
    [Fact]
    public void Loss_falls_and_both_tasks_learn_on_a_learnable_problem()
    {
        using var model = TestData.NewTwoTaskModel(seed: 1);
        var (input, targets) = TestData.TwoTask(rows: 512, seed: 2);
        var (testInput, testTargets) = TestData.TwoTask(rows: 256, seed: 3);
        var trainer = model.CreateTrainer(new TwoTaskModel.TrainingOptions { Epochs = 15, LearningRate = 1e-2 });

        var history = trainer.Fit(TwoTaskModel.Batch.From(input, targets, batchSize: 64, shuffle: true, seed: 4));
        var test = trainer.Evaluate(TwoTaskModel.Batch.From(testInput, testTargets, batchSize: 128));

        Assert.Equal(15, history.Count);
        Assert.True(history[^1].Train.Loss < 0.5 * history[0].Train.Loss,
            $"loss went from {history[0].Train.Loss} to {history[^1].Train.Loss}");
        Assert.True(test.Category.Accuracy > 0.8, $"category accuracy {test.Category.Accuracy}");
        Assert.True(test.Flag.Auc > 0.9, $"flag AUC {test.Flag.Auc}");
        Assert.Equal(256, test.Category.Count);
    }

    [Fact]
    public void Same_seed_gives_the_same_history()
    {
        double[] Run()
        {
            using var model = TestData.NewTwoTaskModel(seed: 7);
            var (input, targets) = TestData.TwoTask(rows: 128, seed: 8);
            var trainer = model.CreateTrainer(new TwoTaskModel.TrainingOptions { Epochs = 3, Seed = 9 });
            return trainer.Fit(TwoTaskModel.Batch.From(input, targets, batchSize: 32, shuffle: true, seed: 10))
                .Select(epoch => epoch.Train.Loss).ToArray();
        }

        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void Each_components_learning_rate_and_weight_decay_reach_its_optimizer_group()
    {
        using var model = TestData.NewTwoTaskModel(seed: 1);
        var trainer = model.CreateTrainer(new TwoTaskModel.TrainingOptions
        {
            LearningRate = 1e-3,
            Category = new ComponentOptions { LearningRate = 5e-3 },
        });

        var groups = trainer.Optimizer.ParamGroups.ToArray();
        Assert.Equal(3, groups.Length);
        Assert.Equal(new[] { 1e-3, 5e-3, 3e-4 }, groups.Select(group => group.LearningRate));
        Assert.Equal(1e-2, ((Adam.Options)((Adam.ParamGroup)groups[2]).Options).weight_decay);
        Assert.Equal(0.0, ((Adam.Options)((Adam.ParamGroup)groups[0]).Options).weight_decay);

        var bodyParameters = model.Body.parameters().Count();
        Assert.Equal(bodyParameters, ((Adam.ParamGroup)groups[0]).Parameters.Count());
    }

    [Fact]
    public void A_trained_model_survives_save_and_load()
    {
        using var model = TestData.NewTwoTaskModel(seed: 1);
        var (input, targets) = TestData.TwoTask(rows: 64, seed: 2);
        model.CreateTrainer(new TwoTaskModel.TrainingOptions { Epochs = 2 }).Fit(TwoTaskModel.Batch.From(input, targets, 32));
        var path = System.IO.Path.GetTempFileName();
        try
        {
            model.save(path);
            using var restored = TestData.NewTwoTaskModel(seed: 99);
            restored.load(path);

            var expected = model.Predict(input);
            var actual = restored.Predict(input);
            Assert.True(expected.Category.Probabilities.allclose(actual.Category.Probabilities));
            Assert.True(expected.Flag.Probabilities.allclose(actual.Flag.Probabilities));
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    [Fact]
    public void State_dict_names_are_the_declared_member_names()
    {
        using var model = TestData.NewTwoTaskModel(seed: 1);
        var keys = model.state_dict().Keys.ToArray();
        Assert.Contains("body.layers.0.weight", keys);
        Assert.Contains("category.output.weight", keys);
        Assert.Contains("flag.tower.0.weight", keys);
        Assert.Contains("flag.output.bias", keys);
    }

    [Fact]
    public void Summary_counts_every_parameter_once()
    {
        using var model = TestData.NewTwoTaskModel(seed: 1);
        var summary = model.Summary();
        var expected = model.parameters().Sum(p => p.numel());
        Assert.Equal(expected, summary.Total);
        Assert.Contains("Body", summary.ToString());
        Assert.Contains("Flag", summary.ToString());
    }
}
