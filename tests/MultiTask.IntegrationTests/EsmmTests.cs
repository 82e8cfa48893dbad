using System.Linq;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.IntegrationTests;

public class EsmmTests
{
    /// <summary>Impressions of 4 features: clicked where x0 > 0, converted (observed on clicked rows only) where x1 > 0 too.</summary>
    private static (Tensor X, TaskTarget Click, TaskTarget Conversion, Tensor Value) Impressions(int rows, int seed)
    {
        var (x, y1, _) = SharingData.TwoTargets(rows, width: 4, seed);
        var clicked = new bool[rows];
        var converted = new bool[rows];
        var features = x.data<float>().ToArray();
        for (var r = 0; r < rows; r++)
        {
            clicked[r] = features[r * 4] > 0;
            converted[r] = clicked[r] && features[r * 4 + 1] > 0;
        }

        return (x, TaskTarget.Binary(clicked), TaskTarget.Binary(converted, mask: clicked), y1);
    }

    [Fact]
    public void Predictions_hold_pctcvr_the_product_of_the_generated_click_and_conversion_probabilities()
    {
        manual_seed(6);
        using var model = new EntireSpaceModel();
        var (x, _, _, _) = Impressions(rows: 12, seed: 6);

        var predictions = model.Predict(x);
        var outputs = model.forward(x);

        var product = outputs.Click.sigmoid().mul(outputs.Conversion.sigmoid());
        Assert.Equal([12L], predictions.ClickAndConversion.shape);
        Assert.True(predictions.ClickAndConversion.allclose(product, rtol: 1e-5, atol: 1e-7));
        Assert.True(predictions.ClickAndConversion.allclose(predictions.Click.Probabilities.mul(predictions.Conversion.Probabilities), rtol: 1e-5, atol: 1e-7));
    }

    [Fact]
    public void The_conversion_slot_holds_the_click_and_conversion_loss_over_every_impression()
    {
        manual_seed(7);
        using var model = new EntireSpaceModel();
        var (x, click, conversion, value) = Impressions(rows: 64, seed: 7);

        var outputs = model.forward(x);
        var losses = model.ComputeLoss(outputs, new EntireSpaceModel.Targets(click, conversion, value));

        // BCE(pCTR * pCVR, click AND conversion), a mean over all 64 rows: unclicked rows count with label 0.
        var p = outputs.Click.sigmoid().mul(outputs.Conversion.sigmoid()).to_type(ScalarType.Float64);
        var labels = click.Labels.mul(conversion.Labels).to_type(ScalarType.Float64);
        var expected = labels.mul(p.log()).add(labels.neg().add(1).mul(p.neg().add(1).log())).mean().neg().item<double>();
        var clickExpected = nn.functional.binary_cross_entropy_with_logits(outputs.Click, click.Labels).item<float>();
        Assert.Equal(expected, losses.Conversion.item<float>(), 5);
        Assert.Equal(clickExpected, losses.Click.item<float>(), 5);
    }

    [Fact]
    public void A_training_step_moves_the_conversion_head_and_training_lowers_the_esmm_losses()
    {
        manual_seed(8);
        using var model = new EntireSpaceModel();
        var (x, click, conversion, value) = Impressions(rows: 256, seed: 8);
        var targets = new EntireSpaceModel.Targets(click, conversion, value);
        using var before = model.Conversion.parameters().First().detach().clone();

        model.CreateTrainer(new EntireSpaceModel.TrainingOptions { Epochs = 1, LearningRate = 1e-2 })
            .Fit(EntireSpaceModel.Batch.From(x, targets, batchSize: 256));
        Assert.False(model.Conversion.parameters().First().detach().allclose(before), "one step left the conversion head unchanged");

        var history = model.CreateTrainer(new EntireSpaceModel.TrainingOptions { Epochs = 30, LearningRate = 1e-2 })
            .Fit(EntireSpaceModel.Batch.From(x, targets, batchSize: 32, shuffle: true, seed: 1));
        Assert.True(history[^1].Train.Click.Loss < 0.5 * history[0].Train.Click.Loss, $"Click: {history[0].Train.Click.Loss} -> {history[^1].Train.Click.Loss}");
        Assert.True(history[^1].Train.Conversion.Loss < 0.6 * history[0].Train.Conversion.Loss, $"Conversion: {history[0].Train.Conversion.Loss} -> {history[^1].Train.Conversion.Loss}");
    }

    [Fact]
    public void Batches_refuse_a_conversion_without_a_click_naming_the_row()
    {
        using var model = new EntireSpaceModel();
        var x = zeros(3, 4);
        var targets = new EntireSpaceModel.Targets(TaskTarget.Binary([true, false, false]), TaskTarget.Binary([false, false, true]), zeros(3));

        var error = Assert.Throws<TaskDataException>(() => EntireSpaceModel.Batch.From(x, targets, batchSize: 2));

        Assert.Equal("Task 'Conversion': row 2 of the data set converted without a click ('Click' is 0 there); ESMM's click-and-conversion label needs every conversion to follow a click.", error.Message);
    }
}
