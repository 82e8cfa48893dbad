using System.Linq;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.IntegrationTests;

public class MissingLabelTests
{
    [Fact]
    public void Masked_rows_do_not_change_a_tasks_loss()
    {
        using var model = TestData.NewTwoTaskModel(seed: 1);
        var (input, _) = TestData.TwoTask(rows: 6, seed: 2);
        var mask = new[] { true, false, true, true, false, true };
        var flag = TaskTarget.Binary(new[] { true, false, true, false, true, true });
        var outputs = model.forward(input);

        var withGarbage = model.ComputeLoss(outputs, new TwoTaskModel.Targets(TaskTarget.Classes(new long[] { 0, -7, 2, 1, 99, 0 }, mask), flag));
        var withOtherGarbage = model.ComputeLoss(outputs, new TwoTaskModel.Targets(TaskTarget.Classes(new long[] { 0, 1, 2, 1, 2, 0 }, mask), flag));

        var present = tensor(new long[] { 0, 2, 3, 5 });
        var onlyPresent = model.ComputeLoss(
            new TwoTaskModel.Outputs(outputs.Category.index_select(0, present), outputs.Flag.index_select(0, present)),
            new TwoTaskModel.Targets(TaskTarget.Classes(new long[] { 0, 2, 1, 0 }), TaskTarget.Binary(new[] { true, true, false, true })));

        Assert.Equal(withOtherGarbage.Category.item<float>(), withGarbage.Category.item<float>());
        Assert.Equal(onlyPresent.Category.item<float>(), withGarbage.Category.item<float>(), 6);
        Assert.Equal(withOtherGarbage.Total.item<float>(), withGarbage.Total.item<float>());
    }

    [Fact]
    public void A_batch_with_no_label_for_a_task_adds_nothing_for_it_and_never_NaN()
    {
        using var model = TestData.NewTwoTaskModel(seed: 1);
        var (input, targets) = TestData.TwoTask(rows: 5, seed: 2);
        var noCategory = new TwoTaskModel.Targets(TaskTarget.Classes(new long[5], new bool[5]), targets.Flag);

        var losses = model.ComputeLoss(model.forward(input), noCategory);

        Assert.Equal(0f, losses.Category.item<float>());
        Assert.Equal(0.5f * losses.Flag.item<float>(), losses.Total.item<float>(), 6);
        losses.Total.backward();
        Assert.All(model.parameters(), p => Assert.False(p.grad is not null && p.grad.isnan().any().item<bool>()));
    }

    [Fact]
    public void Training_with_half_the_category_labels_missing_still_learns_it()
    {
        using var model = TestData.NewTwoTaskModel(seed: 3);
        var mask = Enumerable.Range(0, 512).Select(row => row % 2 == 0).ToArray();
        var (input, targets) = TestData.TwoTask(rows: 512, seed: 4, categoryMask: mask);
        var (testInput, testTargets) = TestData.TwoTask(rows: 256, seed: 5);
        var trainer = model.CreateTrainer(new TwoTaskModel.TrainingOptions { Epochs = 15, LearningRate = 1e-2 });

        var history = trainer.Fit(TwoTaskModel.Batch.From(input, targets, batchSize: 64, shuffle: true, seed: 6));
        var test = trainer.Evaluate(TwoTaskModel.Batch.From(testInput, testTargets, batchSize: 256));

        Assert.Equal(256, history[^1].Train.Category.Count);
        Assert.Equal(512, history[^1].Train.Flag.Count);
        Assert.True(test.Category.Accuracy > 0.75, $"category accuracy {test.Category.Accuracy}");
    }
}
