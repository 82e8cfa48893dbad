using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.IntegrationTests;

public class PerTaskInputTests
{
    private static (TaskData Left, TaskData Right) Data(int leftRows, int rightRows, int seed)
    {
        var (leftX, leftY, _) = SharingData.TwoTargets(leftRows, width: 4, seed: seed);
        var (rightX, _, rightY) = SharingData.TwoTargets(rightRows, width: 4, seed: seed + 1);
        using var positive = leftY.gt(0);
        return (new TaskData(leftX, positive.to(ScalarType.Float32)), new TaskData(rightX, rightY));
    }

    [Fact]
    public void Tasks_of_3_and_5_batches_train_for_an_epoch_of_5_steps()
    {
        manual_seed(1);
        using var model = new TwoSourcesModel();
        var (left, right) = Data(leftRows: 24, rightRows: 40, seed: 1);
        var steps = new List<StepProgress>();

        var history = model.CreateTrainer(new TwoSourcesModel.TrainingOptions { Epochs = 1, StepProgress = new Recorder(steps), StepProgressInterval = 1 })
            .Fit(TwoSourcesModel.Batch.From(left, right, batchSize: 8));

        Assert.Equal(5, steps.Count);
        Assert.Equal(40, history[0].Train.Left.Count);     // 3 batches, then 2 again
        Assert.Equal(40, history[0].Train.Right.Count);
        Assert.True(double.IsFinite(history[0].Train.Loss));
    }

    [Fact]
    public void An_absent_task_adds_nothing_and_produces_no_nan()
    {
        manual_seed(2);
        using var model = new TwoSourcesModel();
        var (left, _) = Data(leftRows: 16, rightRows: 8, seed: 2);

        var outputs = model.forward(new TwoSourcesModel.Inputs(left.Input, null));
        var losses = model.ComputeLoss(outputs, new TwoSourcesModel.Targets(left.Target, null));
        losses.Total.backward();

        Assert.Null(outputs.Right);
        Assert.Equal(0f, losses.Right.item<float>());
        Assert.Equal(losses.Left.item<float>(), losses.Total.item<float>(), 6);
        Assert.All(model.Right.parameters(), p => Assert.True(p.grad is null || p.grad.abs().sum().item<float>() == 0));

        var trainer = model.CreateTrainer(new TwoSourcesModel.TrainingOptions { Epochs = 3 });
        var history = trainer.Fit(TwoSourcesModel.Batch.From(left, null, batchSize: 8));
        var metrics = trainer.Evaluate(TwoSourcesModel.Batch.From(left, null, batchSize: 8));
        Assert.All(history, epoch => Assert.True(double.IsFinite(epoch.Train.Loss)));
        Assert.Equal(0, metrics.Right.Count);
        Assert.True(double.IsNaN(metrics.Right.Loss)); // absent from the pass: no loss, not 0
        Assert.Equal(16, metrics.Left.Count);
        Assert.Null(model.Predict(new TwoSourcesModel.Inputs(left.Input, null)).Right);
    }

    [Fact]
    public void Metrics_count_only_present_rows_and_both_tasks_learn()
    {
        manual_seed(3);
        using var model = new TwoSourcesModel();
        var (left, right) = Data(leftRows: 192, rightRows: 320, seed: 3);

        var trainer = model.CreateTrainer(new TwoSourcesModel.TrainingOptions { Epochs = 15, LearningRate = 1e-2 });
        var history = trainer.Fit(TwoSourcesModel.Batch.From(left, right, batchSize: 32, shuffle: true, seed: 4));
        var leftOnly = trainer.Evaluate(TwoSourcesModel.Batch.From(left, null, batchSize: 64));
        var rightOnly = trainer.Evaluate(TwoSourcesModel.Batch.From(null, right, batchSize: 64));

        Assert.Equal((192, 0), (leftOnly.Left.Count, leftOnly.Right.Count));
        Assert.Equal((0, 320), (rightOnly.Left.Count, rightOnly.Right.Count));
        Assert.True(leftOnly.Left.Accuracy > 0.85, $"left accuracy {leftOnly.Left.Accuracy}");
        Assert.True(history[^1].Train.Right.Loss < 0.3 * history[0].Train.Right.Loss, $"right loss {history[0].Train.Right.Loss} -> {history[^1].Train.Right.Loss}");
    }

    [Fact]
    public void An_input_without_its_target_is_an_error_naming_the_task()
    {
        using var model = new TwoSourcesModel();
        var (left, _) = Data(leftRows: 4, rightRows: 4, seed: 5);
        var outputs = model.forward(new TwoSourcesModel.Inputs(left.Input, left.Input));

        var error = Assert.Throws<TaskDataException>(() => model.ComputeLoss(outputs, new TwoSourcesModel.Targets(left.Target, null)));
        Assert.Equal("Task 'Right': the batch has an input but no target", error.Message);
    }

    private sealed class Recorder(List<StepProgress> steps) : IProgress<StepProgress>
    {
        public void Report(StepProgress value) => steps.Add(value);
    }
}
