using System;
using System.Linq;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.IntegrationTests;

/// <summary>A generated model's <c>Batch.From</c> names bad data before training; class and sample weights reach the loss.</summary>
public class DataSetCheckTests
{
    [Fact]
    public void A_target_longer_than_the_input_is_named_at_Batch_From_not_trained_on_its_first_rows()
    {
        var (input, targets) = TestData.TwoTask(rows: 12, seed: 1);
        var error = Assert.Throws<TaskDataException>(() => TwoTaskModel.Batch.From(input, targets with { Flag = TaskTarget.Binary(new bool[15]) }, batchSize: 4));
        Assert.Equal("Task 'Flag': the input has 12 rows but the target has 15", error.Message);
    }

    [Fact]
    public void A_label_of_minus_100_names_the_data_sets_row_however_the_batches_are_shuffled()
    {
        var (input, _) = TestData.TwoTask(rows: 40, seed: 1);
        var labels = new long[40];
        labels[29] = -100;
        var error = Assert.Throws<TaskDataException>(() => TwoTaskModel.Batch.From(input, new TwoTaskModel.Targets(TaskTarget.Classes(labels), TaskTarget.Binary(new bool[40])), batchSize: 8, shuffle: true, seed: 5));
        Assert.StartsWith("Task 'Category': class label -100 at row 29 of the data set is outside the range [0, 3)", error.Message);
    }

    [Fact]
    public void A_float64_input_names_the_model_and_both_dtypes()
    {
        var (input, targets) = TestData.TwoTask(rows: 4, seed: 1);
        using var doubles = input.to(ScalarType.Float64);
        var error = Assert.ThrowsAny<ArgumentException>(() => TwoTaskModel.Batch.From(doubles, targets, batchSize: 4));
        Assert.StartsWith("TwoTaskModel expects Float32 input, got Float64", error.Message);
    }

    [Fact]
    public void Declared_class_weights_and_row_weights_are_the_losses_weights()
    {
        manual_seed(3);
        using var model = new ClassWeightedModel();
        var (input, targets) = TestData.TwoTask(rows: 6, seed: 2);
        float[] rowWeights = [1, 2, 0.5f, 1, 3, 1];
        var labels = targets.Category.Labels.data<long>().ToArray();
        Assert.Contains(1L, labels); // the class that weighs 4
        var weighted = new ClassWeightedModel.Targets(TaskTarget.Classes(labels, weights: rowWeights), targets.Flag);
        var batch = ClassWeightedModel.Batch.From(input, weighted, batchSize: 6).Single();

        using var noGrad = no_grad();
        var outputs = model.forward(batch.Input);
        var losses = model.ComputeLoss(outputs, batch.Targets);

        // sum_i s_i c_(y_i) CE_i / sum_i s_i c_(y_i), the cross-entropy per row from torch without weights.
        double[] classWeights = [1, 4, 1];
        using var perRow = nn.functional.cross_entropy(outputs.Category, batch.Targets.Category.Labels, reduction: nn.Reduction.None);
        var ce = perRow.data<float>().ToArray();
        double numerator = 0, denominator = 0;
        for (var i = 0; i < 6; i++)
        {
            var w = rowWeights[i] * classWeights[labels[i]];
            numerator += w * ce[i];
            denominator += w;
        }

        Assert.Equal(numerator / denominator, losses.Category.ToDouble(), 5);
    }
}
