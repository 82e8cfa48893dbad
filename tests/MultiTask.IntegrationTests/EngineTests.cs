using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.IntegrationTests;

/// <summary>The training engine on generated models: static weighting as the single backward, uncertainty weighting, generic code.</summary>
public class EngineTests
{
    /// <summary>
    /// The trainer with the default static weighting against the loop it replaced (zero_grad, Losses.Total.backward(), step with
    /// the same optimizer groups): the same step losses and the same weights after 20 steps, to the bit.
    /// </summary>
    private static void AssertSameAsSingleBackwardLoop<TModel, TBatch, TMetrics>(Func<TModel> build, Func<IEnumerable<TBatch>> batches)
        where TModel : nn.Module, IMultiTaskModel<TBatch, TMetrics>
    {
        var trainerLosses = new List<double>();
        manual_seed(11);
        using var trained = build();
        var options = new TrainingOptions<TMetrics> { Epochs = 1, Callbacks = [Callback.AtStepEnd<TMetrics>(s => trainerLosses.Add(s.Losses.Total.ToDouble()))] };
        using (var trainer = trained.CreateTrainer(options))
        {
            trainer.Fit(batches());
        }

        var loopLosses = new List<double>();
        manual_seed(11);
        using var looped = build();
        using var reference = (MultiTaskTrainer<TModel, TBatch, TMetrics>)looped.CreateTrainer(new TrainingOptions<TMetrics>());
        var optimizer = reference.Optimizer;
        manual_seed(0);
        looped.train();
        foreach (var batch in batches())
        {
            using var scope = NewDisposeScope();
            var step = looped.Step(batch);
            optimizer.zero_grad();
            step.Total.backward();
            optimizer.step();
            loopLosses.Add(step.Total.ToDouble());
        }

        Assert.Equal(20, trainerLosses.Count);
        Assert.Equal(loopLosses, trainerLosses);
        var expected = looped.state_dict();
        foreach (var (key, value) in trained.state_dict())
        {
            Assert.True(value.equal(expected[key]).all().item<bool>(), $"{typeof(TModel).Name}: {key} differs after 20 steps");
        }
    }

    [Fact]
    public void Static_weighting_is_the_single_backward_on_hard_sharing()
    {
        var (input, targets) = TestData.TwoTask(rows: 160, seed: 1);
        AssertSameAsSingleBackwardLoop<TwoTaskModel, TwoTaskModel.Batch, TwoTaskModel.Metrics>(
            () => new TwoTaskModel(), () => TwoTaskModel.Batch.From(input, targets, batchSize: 8, shuffle: true, seed: 2));
    }

    [Fact]
    public void Static_weighting_is_the_single_backward_on_mmoe()
    {
        var (x, y1, y2) = SharingData.TwoTargets(rows: 160, width: 4, seed: 3);
        AssertSameAsSingleBackwardLoop<ThreeExpertsModel, ThreeExpertsModel.Batch, ThreeExpertsModel.Metrics>(
            () => new ThreeExpertsModel(), () => ThreeExpertsModel.Batch.From(x, new ThreeExpertsModel.Targets(y1, y2), batchSize: 8, shuffle: true, seed: 4));
    }

    [Fact]
    public void Static_weighting_is_the_single_backward_on_soft_sharing()
    {
        var (x, y1, y2) = SharingData.TwoTargets(rows: 160, width: 4, seed: 5);
        AssertSameAsSingleBackwardLoop<PulledTowersModel, PulledTowersModel.Batch, PulledTowersModel.Metrics>(
            () => new PulledTowersModel(), () => PulledTowersModel.Batch.From(x, new PulledTowersModel.Targets(y1, y2), batchSize: 8, shuffle: true, seed: 6));
    }

    [Fact]
    public void Static_weighting_is_the_single_backward_on_the_autoencoder()
    {
        var (x, value, sign) = SharingData.Factors(rows: 160, seed: 7);
        AssertSameAsSingleBackwardLoop<CodeModel, CodeModel.Batch, CodeModel.Metrics>(
            () => new CodeModel(), () => CodeModel.Batch.From(x, new CodeModel.Targets(value, sign), batchSize: 8, shuffle: true, seed: 8));
    }

    [Fact]
    public void Uncertainty_weighting_trains_its_log_variances_in_a_group_of_their_own()
    {
        manual_seed(1);
        using var model = new UncertainTwoTaskModel();
        Assert.Equal([0f, 0f], model.state_dict()["lossWeighting.log_variances"].data<float>().ToArray());
        var (input, targets) = TestData.TwoTask(rows: 256, seed: 2);
        var data = UncertainTwoTaskModel.Batch.From(input, new UncertainTwoTaskModel.Targets(targets.Category, targets.Flag), batchSize: 32, shuffle: true, seed: 3);
        using var trainer = model.CreateTrainer(new UncertainTwoTaskModel.TrainingOptions { Epochs = 6, LearningRate = 1e-2 });
        var history = trainer.Fit(data);

        Assert.Equal("LossWeighting", trainer.Components[^1].Name);
        Assert.Equal(4, trainer.Optimizer.ParamGroups.Count());
        Assert.True(history[^1].Train.Loss < history[0].Train.Loss);
        var s = model.state_dict()["lossWeighting.log_variances"].data<float>().ToArray();
        Assert.All(s, v => Assert.NotEqual(0f, v));
        // Both tasks are classification-like: weight exp(-s_i).
        Assert.Equal(Math.Exp(-s[0]), history[^1].LossWeights["Category"], 1);
        Assert.Equal(["Category", "Flag"], history[0].LossWeights.Keys);
    }

    /// <summary>One function for every generated model: what the shared-bottom-against-MMoE comparison needs.</summary>
    private static (long Parameters, double Loss) TrainAndTest<TBatch, TMetrics>(IMultiTaskModel<TBatch, TMetrics> model, IEnumerable<TBatch> train, IEnumerable<TBatch> test, Func<TMetrics, double> loss)
    {
        using var trainer = model.CreateTrainer(new TrainingOptions<TMetrics> { Epochs = 5, LearningRate = 1e-2 });
        trainer.Fit(train);
        return (model.Summary().Total, loss(trainer.Evaluate(test)));
    }

    [Fact]
    public void One_generic_function_trains_and_evaluates_different_generated_models()
    {
        var (x, y1, y2) = SharingData.TwoTargets(rows: 256, width: 4, seed: 9);
        manual_seed(1);
        using var bottom = new SharedBottomModel();
        using var experts = new ThreeExpertsModel();
        var bottomResult = TrainAndTest(bottom, SharedBottomModel.Batch.From(x, new SharedBottomModel.Targets(y1, y2), 32), SharedBottomModel.Batch.From(x, new SharedBottomModel.Targets(y1, y2), 128), m => m.Loss);
        var expertsResult = TrainAndTest(experts, ThreeExpertsModel.Batch.From(x, new ThreeExpertsModel.Targets(y1, y2), 32), ThreeExpertsModel.Batch.From(x, new ThreeExpertsModel.Targets(y1, y2), 128), m => m.Loss);
        Assert.Equal(bottom.Summary().Total, bottomResult.Parameters);
        Assert.NotEqual(bottomResult.Parameters, expertsResult.Parameters);
        Assert.True(bottomResult.Loss < 1 && expertsResult.Loss < 1, $"test losses {bottomResult.Loss}, {expertsResult.Loss}");
    }

    [Fact]
    public void A_step_exposes_what_the_heads_read()
    {
        var (x, y1, y2) = SharingData.TwoTargets(rows: 6, width: 4, seed: 10);
        manual_seed(1);
        using var bottom = new SharedBottomModel();
        using var experts = new ThreeExpertsModel();
        using var scope = NewDisposeScope();
        var shared = ((IMultiTaskNetwork<SharedBottomModel.Batch>)bottom).Step(new SharedBottomModel.Batch(x, new SharedBottomModel.Targets(y1, y2))).Representation!;
        Assert.True(shared.IsShared);
        Assert.Equal([6L, 8L], shared[0]!.shape);
        var mixtures = ((IMultiTaskNetwork<ThreeExpertsModel.Batch>)experts).Step(new ThreeExpertsModel.Batch(x, new ThreeExpertsModel.Targets(y1, y2))).Representation!;
        Assert.False(mixtures.IsShared);
        Assert.Equal(2, mixtures.Tensors.Count);
        Assert.NotEqual(mixtures[0]!.data<float>().ToArray(), mixtures[1]!.data<float>().ToArray());
        Assert.Same(experts.Experts, Assert.Single(((IMultiTaskNetwork<ThreeExpertsModel.Batch>)experts).Parts.Shared));
    }

    [Fact]
    public void The_device_option_moves_per_task_batches_with_absent_tasks()
    {
        var (leftX, leftY, _) = SharingData.TwoTargets(24, width: 4, seed: 11);
        manual_seed(1);
        using var model = new TwoSourcesModel();
        using var trainer = model.CreateTrainer(new TwoSourcesModel.TrainingOptions { Epochs = 2, Device = CPU });
        var history = trainer.Fit(TwoSourcesModel.Batch.From(new TaskData(leftX, leftY.gt(0).to(ScalarType.Float32)), null, batchSize: 8));
        Assert.Equal(2, history.Count);
        Assert.Equal(0, history[^1].Train.Right.Count);
    }
}
