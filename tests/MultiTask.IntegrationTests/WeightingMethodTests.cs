using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.IntegrationTests;

/// <summary>The loss-based weighting methods on generated models: the attribute's settings reach the runtime object, and training applies its weights.</summary>
public class WeightingMethodTests
{
    [Fact]
    public void Dwa_keeps_weights_of_one_for_two_epochs_then_weighs_by_the_rates_of_the_epoch_losses()
    {
        manual_seed(1);
        using var model = new DwaTwoTaskModel();
        Assert.Equal(1.5, Assert.IsType<Dwa>(((IMultiTaskNetwork<DwaTwoTaskModel.Batch>)model).Weighting).Temperature);
        var (input, targets) = TestData.TwoTask(rows: 256, seed: 2);
        var data = DwaTwoTaskModel.Batch.From(input, new DwaTwoTaskModel.Targets(targets.Category, targets.Flag), batchSize: 32, shuffle: true, seed: 3);
        using var trainer = model.CreateTrainer(new DwaTwoTaskModel.TrainingOptions { Epochs = 3, LearningRate = 1e-2 });

        var history = trainer.Fit(data);

        Assert.Equal([1.0, 1.0], history[0].LossWeights.Values);
        Assert.Equal([1.0, 1.0], history[1].LossWeights.Values);
        // Epoch 3: 2 softmax(r / 1.5) with r = each task's epoch-2 loss over its epoch-1 loss.
        var rates = new[] { history[1].Train.Category.Loss / history[0].Train.Category.Loss, history[1].Train.Flag.Loss / history[0].Train.Flag.Loss };
        var exps = rates.Select(r => Math.Exp(r / 1.5)).ToArray();
        Assert.Equal(2 * exps[0] / exps.Sum(), history[2].LossWeights["Category"], 5);
        Assert.Equal(2 * exps[1] / exps.Sum(), history[2].LossWeights["Flag"], 5);
        Assert.True(history[^1].Train.Loss < history[0].Train.Loss);
        Assert.Contains("lossWeighting.epoch_losses", model.state_dict().Keys);
    }

    [Fact]
    public void Random_loss_weighting_draws_weights_that_sum_to_one_and_repeat_from_the_seed()
    {
        (double[] Losses, List<float[]> Weights) Train()
        {
            var weights = new List<float[]>();
            manual_seed(1);
            using var model = new RandomlyWeightedTwoTaskModel();
            var (input, targets) = TestData.TwoTask(rows: 256, seed: 2);
            var data = RandomlyWeightedTwoTaskModel.Batch.From(input, new RandomlyWeightedTwoTaskModel.Targets(targets.Category, targets.Flag), batchSize: 32, shuffle: true, seed: 3);
            var options = new RandomlyWeightedTwoTaskModel.TrainingOptions
            {
                Epochs = 2,
                LearningRate = 1e-2,
                Callbacks = [Callback.AtStepEnd<RandomlyWeightedTwoTaskModel.Metrics>(s => weights.Add(s.Weights.data<float>().ToArray()))],
            };
            using var trainer = model.CreateTrainer(options);
            var history = trainer.Fit(data);
            Assert.Equal(weights.Take(8).Average(w => (double)w[0]), history[0].LossWeights["Category"], 5);
            return (history.Select(e => e.Train.Loss).ToArray(), weights);
        }

        var (losses, weights) = Train();

        Assert.Equal(16, weights.Count);
        Assert.All(weights, w => Assert.Equal(1.0, w.Sum(), 5));
        Assert.Equal(16, weights.Select(w => w[0]).Distinct().Count());
        Assert.True(losses[1] < losses[0]);
        var (againLosses, againWeights) = Train();
        Assert.Equal(weights.SelectMany(w => w), againWeights.SelectMany(w => w));
        Assert.Equal(losses, againLosses);
    }

    [Fact]
    public void Random_loss_weighting_gives_a_task_alone_in_its_steps_the_whole_weight()
    {
        var (x, y, _) = SharingData.TwoTargets(rows: 32, width: 4, seed: 5);
        using var positive = y.gt(0);
        manual_seed(1);
        using var model = new RandomlyWeightedSourcesModel();
        using var trainer = model.CreateTrainer(new RandomlyWeightedSourcesModel.TrainingOptions { Epochs = 1 });

        var history = trainer.Fit(RandomlyWeightedSourcesModel.Batch.From(new TaskData(x, positive.to(ScalarType.Float32)), null, batchSize: 8));

        Assert.Equal(1.0, history[0].LossWeights["Left"]);
        Assert.Equal(0.0, history[0].LossWeights["Right"]);
        Assert.True(double.IsFinite(history[0].Train.Loss));
    }

    [Fact]
    public void Db_mtl_trains_a_generated_model_with_the_largest_task_gradient_at_weight_one()
    {
        var weights = new List<float[]>();
        manual_seed(1);
        using var model = new DualBalancedTwoTaskModel();
        Assert.Equal(0.8, Assert.IsType<DbMtl>(((IMultiTaskNetwork<DualBalancedTwoTaskModel.Batch>)model).Weighting).Beta);
        var (input, targets) = TestData.TwoTask(rows: 256, seed: 2);
        var data = DualBalancedTwoTaskModel.Batch.From(input, new DualBalancedTwoTaskModel.Targets(targets.Category, targets.Flag), batchSize: 32, shuffle: true, seed: 3);
        var options = new DualBalancedTwoTaskModel.TrainingOptions
        {
            Epochs = 2,
            LearningRate = 1e-2,
            Callbacks = [Callback.AtStepEnd<DualBalancedTwoTaskModel.Metrics>(s => weights.Add(s.Weights.data<float>().ToArray()))],
        };
        using var trainer = model.CreateTrainer(options);

        var history = trainer.Fit(data);

        Assert.All(weights, w => Assert.Equal(1f, w.Min(), 5));
        Assert.True(history[^1].Train.Loss < history[0].Train.Loss);
    }

    [Fact]
    public void Pc_grad_trains_a_generated_model_and_reports_weight_one_for_each_task()
    {
        manual_seed(1);
        using var model = new ProjectedTwoTaskModel();
        Assert.IsType<PCGrad>(((IMultiTaskNetwork<ProjectedTwoTaskModel.Batch>)model).Weighting);
        var (input, targets) = TestData.TwoTask(rows: 256, seed: 2);
        var data = ProjectedTwoTaskModel.Batch.From(input, new ProjectedTwoTaskModel.Targets(targets.Category, targets.Flag), batchSize: 32, shuffle: true, seed: 3);
        using var trainer = model.CreateTrainer(new ProjectedTwoTaskModel.TrainingOptions { Epochs = 3, LearningRate = 1e-2 });

        var history = trainer.Fit(data);

        Assert.All(history, e => Assert.Equal([1.0, 1.0], e.LossWeights.Values));
        Assert.True(history[^1].Train.Category.Loss < history[0].Train.Category.Loss, $"{history[0].Train.Category.Loss} -> {history[^1].Train.Category.Loss}");
        Assert.True(history[^1].Train.Flag.Loss < history[0].Train.Flag.Loss, $"{history[0].Train.Flag.Loss} -> {history[^1].Train.Flag.Loss}");
    }

    [Fact]
    public void Mgda_trains_a_generated_model_with_its_normalization_setting()
    {
        var weights = new List<float[]>();
        manual_seed(1);
        using var model = new MinNormTwoTaskModel();
        Assert.Equal(MgdaNormalization.L2, Assert.IsType<Mgda>(((IMultiTaskNetwork<MinNormTwoTaskModel.Batch>)model).Weighting).Normalization);
        var (input, targets) = TestData.TwoTask(rows: 256, seed: 2);
        var data = MinNormTwoTaskModel.Batch.From(input, new MinNormTwoTaskModel.Targets(targets.Category, targets.Flag), batchSize: 32, shuffle: true, seed: 3);
        var options = new MinNormTwoTaskModel.TrainingOptions
        {
            Epochs = 3,
            LearningRate = 1e-2,
            Callbacks = [Callback.AtStepEnd<MinNormTwoTaskModel.Metrics>(s => weights.Add(s.Weights.data<float>().ToArray()))],
        };
        using var trainer = model.CreateTrainer(options);

        var history = trainer.Fit(data);

        // With l2 normalization the weights are alpha_i / ||g_i||: positive, not a convex combination.
        Assert.All(weights, w => Assert.All(w, x => Assert.True(x >= 0 && float.IsFinite(x))));
        Assert.True(history[^1].Train.Loss < history[0].Train.Loss, $"{history[0].Train.Loss} -> {history[^1].Train.Loss}");
    }

    [Fact]
    public void Mgda_upper_bound_trains_an_autoencoder_with_its_reconstruction_term()
    {
        var (x, value, sign) = SharingData.Factors(rows: 160, seed: 7);
        manual_seed(1);
        using var model = new MinNormCodeModel();
        Assert.True(Assert.IsType<Mgda>(((IMultiTaskNetwork<MinNormCodeModel.Batch>)model).Weighting).UpperBound);
        using var trainer = model.CreateTrainer(new MinNormCodeModel.TrainingOptions { Epochs = 3, LearningRate = 1e-2 });

        var history = trainer.Fit(MinNormCodeModel.Batch.From(x, new MinNormCodeModel.Targets(value, sign), batchSize: 16, shuffle: true, seed: 8));

        Assert.All(history, e => Assert.True(double.IsFinite(e.Train.Loss)));
        Assert.True(history[^1].Train.Loss < history[0].Train.Loss, $"{history[0].Train.Loss} -> {history[^1].Train.Loss}");
    }

    [Fact]
    public void Ca_grad_trains_a_generated_model_with_its_radius()
    {
        manual_seed(1);
        using var model = new ConflictAverseTwoTaskModel();
        Assert.Equal(0.5, Assert.IsType<CAGrad>(((IMultiTaskNetwork<ConflictAverseTwoTaskModel.Batch>)model).Weighting).C);
        var (input, targets) = TestData.TwoTask(rows: 256, seed: 2);
        var data = ConflictAverseTwoTaskModel.Batch.From(input, new ConflictAverseTwoTaskModel.Targets(targets.Category, targets.Flag), batchSize: 32, shuffle: true, seed: 3);
        using var trainer = model.CreateTrainer(new ConflictAverseTwoTaskModel.TrainingOptions { Epochs = 3, LearningRate = 1e-2 });

        var history = trainer.Fit(data);

        Assert.True(history[^1].Train.Category.Loss < history[0].Train.Category.Loss, $"{history[0].Train.Category.Loss} -> {history[^1].Train.Category.Loss}");
        Assert.True(history[^1].Train.Flag.Loss < history[0].Train.Flag.Loss, $"{history[0].Train.Flag.Loss} -> {history[^1].Train.Flag.Loss}");
    }

    [Fact]
    public void Imtl_trains_a_generated_model()
    {
        manual_seed(1);
        using var model = new ImpartialTwoTaskModel();
        Assert.IsType<Imtl>(((IMultiTaskNetwork<ImpartialTwoTaskModel.Batch>)model).Weighting);
        var (input, targets) = TestData.TwoTask(rows: 256, seed: 2);
        var data = ImpartialTwoTaskModel.Batch.From(input, new ImpartialTwoTaskModel.Targets(targets.Category, targets.Flag), batchSize: 32, shuffle: true, seed: 3);
        using var trainer = model.CreateTrainer(new ImpartialTwoTaskModel.TrainingOptions { Epochs = 3, LearningRate = 1e-2 });

        var history = trainer.Fit(data);

        Assert.All(history, e => Assert.Equal(1.0, e.LossWeights.Values.Sum(), 4));
        Assert.True(history[^1].Train.Category.Loss < history[0].Train.Category.Loss, $"{history[0].Train.Category.Loss} -> {history[^1].Train.Category.Loss}");
        Assert.True(history[^1].Train.Flag.Loss < history[0].Train.Flag.Loss, $"{history[0].Train.Flag.Loss} -> {history[^1].Train.Flag.Loss}");
    }

    [Fact]
    public void Aligned_mtl_trains_a_generated_model()
    {
        manual_seed(1);
        using var model = new AlignedTwoTaskModel();
        Assert.IsType<AlignedMtl>(((IMultiTaskNetwork<AlignedTwoTaskModel.Batch>)model).Weighting);
        var (input, targets) = TestData.TwoTask(rows: 256, seed: 2);
        var data = AlignedTwoTaskModel.Batch.From(input, new AlignedTwoTaskModel.Targets(targets.Category, targets.Flag), batchSize: 32, shuffle: true, seed: 3);
        using var trainer = model.CreateTrainer(new AlignedTwoTaskModel.TrainingOptions { Epochs = 3, LearningRate = 1e-2 });

        var history = trainer.Fit(data);

        Assert.All(history, e => Assert.All(e.LossWeights.Values, w => Assert.True(double.IsFinite(w), $"weight {w}")));
        Assert.True(history[^1].Train.Category.Loss < history[0].Train.Category.Loss, $"{history[0].Train.Category.Loss} -> {history[^1].Train.Category.Loss}");
        Assert.True(history[^1].Train.Flag.Loss < history[0].Train.Flag.Loss, $"{history[0].Train.Flag.Loss} -> {history[^1].Train.Flag.Loss}");
    }

    [Fact]
    public void Up_grad_trains_a_generated_model()
    {
        manual_seed(1);
        using var model = new UnconflictingTwoTaskModel();
        Assert.IsType<UPGrad>(((IMultiTaskNetwork<UnconflictingTwoTaskModel.Batch>)model).Weighting);
        var (input, targets) = TestData.TwoTask(rows: 256, seed: 2);
        var data = UnconflictingTwoTaskModel.Batch.From(input, new UnconflictingTwoTaskModel.Targets(targets.Category, targets.Flag), batchSize: 32, shuffle: true, seed: 3);
        using var trainer = model.CreateTrainer(new UnconflictingTwoTaskModel.TrainingOptions { Epochs = 3, LearningRate = 1e-2 });

        var history = trainer.Fit(data);

        // Every step's weights are at least 1/K = 0.5, so their epoch means are too.
        Assert.All(history, e => Assert.All(e.LossWeights.Values, w => Assert.True(w >= 0.5 - 1e-6, $"weight {w}")));
        Assert.True(history[^1].Train.Category.Loss < history[0].Train.Category.Loss, $"{history[0].Train.Category.Loss} -> {history[^1].Train.Category.Loss}");
        Assert.True(history[^1].Train.Flag.Loss < history[0].Train.Flag.Loss, $"{history[0].Train.Flag.Loss} -> {history[^1].Train.Flag.Loss}");
    }

    [Fact]
    public void Db_mtl_trains_an_autoencoder_with_its_reconstruction_term()
    {
        var (x, value, sign) = SharingData.Factors(rows: 160, seed: 7);
        manual_seed(1);
        using var model = new DualBalancedCodeModel();
        using var trainer = model.CreateTrainer(new DualBalancedCodeModel.TrainingOptions { Epochs = 3, LearningRate = 1e-2 });

        var history = trainer.Fit(DualBalancedCodeModel.Batch.From(x, new DualBalancedCodeModel.Targets(value, sign), batchSize: 16, shuffle: true, seed: 8));

        Assert.All(history, e => Assert.True(double.IsFinite(e.Train.Loss)));
        Assert.True(history[^1].Train.Loss < history[0].Train.Loss, $"{history[0].Train.Loss} -> {history[^1].Train.Loss}");
    }

    [Fact]
    public void NashMtl_trains_a_generated_model()
    {
        manual_seed(1);
        using var model = new BargainingTwoTaskModel();
        Assert.IsType<NashMtl>(((IMultiTaskNetwork<BargainingTwoTaskModel.Batch>)model).Weighting);
        var (input, targets) = TestData.TwoTask(rows: 256, seed: 2);
        var data = BargainingTwoTaskModel.Batch.From(input, new BargainingTwoTaskModel.Targets(targets.Category, targets.Flag), batchSize: 32, shuffle: true, seed: 3);
        using var trainer = model.CreateTrainer(new BargainingTwoTaskModel.TrainingOptions { Epochs = 3, LearningRate = 1e-2 });

        var history = trainer.Fit(data);

        Assert.All(history, e => Assert.All(e.LossWeights.Values, w => Assert.True(w > 0 && double.IsFinite(w), $"weight {w}")));
        Assert.True(history[^1].Train.Category.Loss < history[0].Train.Category.Loss, $"{history[0].Train.Category.Loss} -> {history[^1].Train.Category.Loss}");
        Assert.True(history[^1].Train.Flag.Loss < history[0].Train.Flag.Loss, $"{history[0].Train.Flag.Loss} -> {history[^1].Train.Flag.Loss}");
    }

    [Fact]
    public void Grad_norm_trains_a_generated_model_with_its_weights_in_their_own_group_summing_to_two()
    {
        var sums = new List<double>();
        manual_seed(1);
        using var model = new GradNormTwoTaskModel();
        var weighting = Assert.IsType<GradNorm>(((IMultiTaskNetwork<GradNormTwoTaskModel.Batch>)model).Weighting);
        Assert.Equal(1.0, weighting.Alpha);
        var (input, targets) = TestData.TwoTask(rows: 256, seed: 2);
        var data = GradNormTwoTaskModel.Batch.From(input, new GradNormTwoTaskModel.Targets(targets.Category, targets.Flag), batchSize: 32, shuffle: true, seed: 3);
        var options = new GradNormTwoTaskModel.TrainingOptions
        {
            Epochs = 3,
            LearningRate = 1e-2,
            LossWeighting = new ComponentOptions { LearningRate = 0.05 },
            Callbacks = [Callback.AtStepEnd<GradNormTwoTaskModel.Metrics>(s => sums.Add(s.Weights.data<float>().ToArray().Sum()))],
        };
        using var trainer = model.CreateTrainer(options);

        var history = trainer.Fit(data);

        Assert.Equal(24, sums.Count);
        Assert.All(sums, s => Assert.Equal(2.0, s, 5));
        Assert.Equal(0.05, history[^1].LearningRates["LossWeighting"]);
        Assert.NotEqual(1.0, history[^1].LossWeights["Category"], 3);
        Assert.Contains("lossWeighting.weights", model.state_dict().Keys);
        Assert.Contains("lossWeighting.initial_losses", model.state_dict().Keys);
        Assert.True(history[^1].Train.Loss < history[0].Train.Loss, $"{history[0].Train.Loss} -> {history[^1].Train.Loss}");
    }

    [Fact]
    public void Grad_norm_trains_an_autoencoder_on_its_encoder_s_last_layer()
    {
        var (x, value, sign) = SharingData.Factors(rows: 160, seed: 7);
        manual_seed(1);
        using var model = new GradNormCodeModel();
        using var trainer = model.CreateTrainer(new GradNormCodeModel.TrainingOptions { Epochs = 3, LearningRate = 1e-2 });

        var history = trainer.Fit(GradNormCodeModel.Batch.From(x, new GradNormCodeModel.Targets(value, sign), batchSize: 16, shuffle: true, seed: 8));

        Assert.All(history, e => Assert.Equal(2.0, e.LossWeights.Values.Sum(), 4));
        Assert.True(history[^1].Train.Loss < history[0].Train.Loss, $"{history[0].Train.Loss} -> {history[^1].Train.Loss}");
    }

    [Fact]
    public void Grad_norm_gives_a_task_absent_from_every_step_weight_zero()
    {
        var (x, y, _) = SharingData.TwoTargets(rows: 32, width: 4, seed: 5);
        using var positive = y.gt(0);
        manual_seed(1);
        using var model = new GradNormSourcesModel();
        using var trainer = model.CreateTrainer(new GradNormSourcesModel.TrainingOptions { Epochs = 1 });

        var history = trainer.Fit(GradNormSourcesModel.Batch.From(new TaskData(x, positive.to(ScalarType.Float32)), null, batchSize: 8));

        // Alone, the left task's target is its own norm: the weights do not move from 1.
        Assert.Equal(1.0, history[0].LossWeights["Left"], 6);
        Assert.Equal(0.0, history[0].LossWeights["Right"]);
        Assert.True(double.IsFinite(history[0].Train.Loss));
    }

    [Fact]
    public void Famo_trains_a_generated_model_and_moves_its_logits_after_every_step()
    {
        manual_seed(1);
        using var model = new FamoTwoTaskModel();
        var famo = Assert.IsType<Famo>(((IMultiTaskNetwork<FamoTwoTaskModel.Batch>)model).Weighting);
        Assert.Equal(0.05, famo.LearningRate);
        var (input, targets) = TestData.TwoTask(rows: 256, seed: 2);
        var data = FamoTwoTaskModel.Batch.From(input, new FamoTwoTaskModel.Targets(targets.Category, targets.Flag), batchSize: 32, shuffle: true, seed: 3);
        using var trainer = model.CreateTrainer(new FamoTwoTaskModel.TrainingOptions { Epochs = 3, LearningRate = 1e-2 });

        var history = trainer.Fit(data);

        var logits = famo.Logits.data<float>().ToArray();
        Assert.All(logits, l => Assert.True(l != 0 && float.IsFinite(l), $"logit {l}"));
        Assert.Equal(24f, famo.state_dict()["logits_steps"].data<float>()[0]);
        Assert.Contains("lossWeighting.logits", model.state_dict().Keys);
        Assert.DoesNotContain("LossWeighting", history[^1].LearningRates.Keys);
        Assert.True(history[^1].Train.Category.Loss < history[0].Train.Category.Loss, $"{history[0].Train.Category.Loss} -> {history[^1].Train.Category.Loss}");
        Assert.True(history[^1].Train.Flag.Loss < history[0].Train.Flag.Loss, $"{history[0].Train.Flag.Loss} -> {history[^1].Train.Flag.Loss}");
    }
}
