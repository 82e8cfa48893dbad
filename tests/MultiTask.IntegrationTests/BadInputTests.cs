using System;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.IntegrationTests;

public class BadInputTests
{
    [Fact]
    public void A_wrong_input_width_names_the_model_and_both_shapes()
    {
        using var model = TestData.NewTwoTaskModel(seed: 1);

        var error = Assert.ThrowsAny<ArgumentException>(() => model.forward(zeros(4, 7)));

        Assert.Contains("TwoTaskModel", error.Message);
        Assert.Contains("[N, 8]", error.Message);
        Assert.Contains("[4, 7]", error.Message);
    }

    [Fact]
    public void A_target_with_the_wrong_number_of_rows_names_the_task()
    {
        using var model = TestData.NewTwoTaskModel(seed: 1);
        var (input, targets) = TestData.TwoTask(rows: 4, seed: 2);

        var error = Assert.Throws<TaskDataException>(() =>
            model.ComputeLoss(model.forward(input), targets with { Flag = TaskTarget.Binary(new[] { true, false }) }));

        Assert.StartsWith("Task 'Flag': ", error.Message);
    }

    [Fact]
    public void A_class_label_out_of_range_names_the_task_and_the_label()
    {
        using var model = TestData.NewTwoTaskModel(seed: 1);
        var (input, targets) = TestData.TwoTask(rows: 3, seed: 2);

        var error = Assert.Throws<TaskDataException>(() =>
            model.ComputeLoss(model.forward(input), targets with { Category = TaskTarget.Classes(new long[] { 0, 5, 1 }) }));

        Assert.StartsWith("Task 'Category': ", error.Message);
        Assert.Contains("5", error.Message);
    }

    [Fact]
    public void A_class_target_of_the_wrong_type_names_the_task()
    {
        using var model = TestData.NewTwoTaskModel(seed: 1);
        var (input, targets) = TestData.TwoTask(rows: 3, seed: 2);

        var error = Assert.Throws<TaskDataException>(() =>
            model.ComputeLoss(model.forward(input), targets with { Category = TaskTarget.Values(new float[] { 0, 1, 2 }) }));

        Assert.StartsWith("Task 'Category': ", error.Message);
    }
}
