using System.Linq;
using MultiTask.Data;
using MultiTask.IntegrationTests.Data;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.IntegrationTests.Samples;

/// <summary>The input-field samples (Recommender's embeddings, Vision, Language) in small: they train and learn what they show.</summary>
public sealed class InputSampleTests
{
    [Fact]
    public void Embeddings_of_the_ids_that_drive_the_clicks_beat_the_dense_features_alone()
    {
        var data = SyntheticCategoricalImpressions.Make(rows: 6000, users: 100, items: 100, contexts: 4, idShare: 0.9, dimension: 8, popularity: 0, seed: 1);
        var impressions = data.Impressions;
        var (train, test) = (arange(0, 5000, dtype: int64), arange(5000, 6000, dtype: int64));
        var features = tensor(impressions.Features);
        var click = TaskTarget.Binary(impressions.Clicked);
        var conversion = TaskTarget.Binary(impressions.Converted, mask: impressions.ConversionObserved);

        manual_seed(1);
        using var embedding = new SmallEmbeddingMmoe();
        var inputs = new SmallEmbeddingMmoe.Features(tensor(data.User), tensor(data.Item), tensor(data.Context), features);
        var targets = new SmallEmbeddingMmoe.Targets(click, conversion);
        using var embeddingTrainer = embedding.CreateTrainer(new SmallEmbeddingMmoe.TrainingOptions { Epochs = 5, LearningRate = 1e-2 });
        embeddingTrainer.Fit(SmallEmbeddingMmoe.Batch.From(inputs.Select(train), targets.Select(train), batchSize: 128, shuffle: true, seed: 2));
        var withIds = embeddingTrainer.Evaluate(SmallEmbeddingMmoe.Batch.From(inputs.Select(test), targets.Select(test), batchSize: 500));

        manual_seed(1);
        using var dense = new SmallDenseMmoe();
        var denseTargets = new SmallDenseMmoe.Targets(click, conversion);
        using var denseTrainer = dense.CreateTrainer(new SmallDenseMmoe.TrainingOptions { Epochs = 5, LearningRate = 1e-2 });
        denseTrainer.Fit(SmallDenseMmoe.Batch.From(features.index_select(0, train), denseTargets.Select(train), batchSize: 128, shuffle: true, seed: 2));
        var withoutIds = denseTrainer.Evaluate(SmallDenseMmoe.Batch.From(features.index_select(0, test), denseTargets.Select(test), batchSize: 500));

        Assert.True(withIds.Click.Auc > withoutIds.Click.Auc + 0.03, $"CTR AUC with embeddings {withIds.Click.Auc:F3}, dense only {withoutIds.Click.Auc:F3}");
        Assert.Equal(8 + 8 + 2 + 8, embedding.Experts.InputSize);
    }

    [Fact]
    public void Digits_as_images_through_the_convolutional_trunk_learn_both_tasks()
    {
        // Read through a dense model's columns: 64 pixels and the digit.
        var columns = new DigitsFileModel.Columns { Features = InputColumns.Range(0, 63), Digit = 64, IsEven = TargetColumn.Of(64).Map(digit => digit % 2 == 0 ? 1 : 0) };
        var rows = TableFile.Csv(DataFiles.Real("digits.csv.gz"), hasHeader: false).Read(columns);
        var (pixels, labels) = rows.ToTensors(rows.FitPreparation(standardize: false));
        var images = pixels.div(16).reshape(-1, 1, 8, 8);
        var inputs = new SmallConvolutionalDigits.Features(images);
        var targets = new SmallConvolutionalDigits.Targets(labels[0], labels[1]);
        var (train, test) = (arange(0, 1400, dtype: int64), arange(1400, 1797, dtype: int64));

        manual_seed(1);
        using var model = new SmallConvolutionalDigits();
        using var trainer = model.CreateTrainer(new SmallConvolutionalDigits.TrainingOptions { Epochs = 15, LearningRate = 3e-3 });
        trainer.Fit(SmallConvolutionalDigits.Batch.From(inputs.Select(train), targets.Select(train), batchSize: 64, shuffle: true, seed: 2));
        var metrics = trainer.Evaluate(SmallConvolutionalDigits.Batch.From(inputs.Select(test), targets.Select(test), batchSize: 400));

        Assert.Equal([1797L, 1, 8, 8], images.shape);
        Assert.True(metrics.Digit.Accuracy > 0.85, $"digit accuracy {metrics.Digit.Accuracy:F3}");
        Assert.True(metrics.IsEven.Accuracy > 0.8, $"is-even accuracy {metrics.IsEven.Accuracy:F3}");
    }

    [Fact]
    public void Both_text_encoders_learn_the_topic()
    {
        var corpus = SyntheticCorpus.Make(rows: 3000, length: 16, seed: 3);
        var tokens = tensor(corpus.Tokens);
        var topic = TaskTarget.Classes(corpus.Topic.Select(t => (long)t).ToArray());
        var positive = TaskTarget.Binary(corpus.Positive);
        var (train, test) = (arange(0, 2500, dtype: int64), arange(2500, 3000, dtype: int64));

        manual_seed(1);
        using var transformer = new SmallTransformerText();
        var inputs = new SmallTransformerText.Features(tokens);
        var targets = new SmallTransformerText.Targets(topic, positive);
        using var transformerTrainer = transformer.CreateTrainer(new SmallTransformerText.TrainingOptions { Epochs = 4, LearningRate = 3e-3 });
        transformerTrainer.Fit(SmallTransformerText.Batch.From(inputs.Select(train), targets.Select(train), batchSize: 64, shuffle: true, seed: 2));
        var byTransformer = transformerTrainer.Evaluate(SmallTransformerText.Batch.From(inputs.Select(test), targets.Select(test), batchSize: 500));

        manual_seed(1);
        using var meanPooling = new SmallMeanPoolingText();
        var meanInputs = new SmallMeanPoolingText.Features(tokens);
        var meanTargets = new SmallMeanPoolingText.Targets(topic, positive);
        using var meanTrainer = meanPooling.CreateTrainer(new SmallMeanPoolingText.TrainingOptions { Epochs = 4, LearningRate = 3e-3 });
        meanTrainer.Fit(SmallMeanPoolingText.Batch.From(meanInputs.Select(train), meanTargets.Select(train), batchSize: 64, shuffle: true, seed: 2));
        var byMeanPooling = meanTrainer.Evaluate(SmallMeanPoolingText.Batch.From(meanInputs.Select(test), meanTargets.Select(test), batchSize: 500));

        Assert.True(byTransformer.Topic.Accuracy > 0.95, $"Transformer topic accuracy {byTransformer.Topic.Accuracy:F3}");
        Assert.True(byMeanPooling.Topic.Accuracy > 0.95, $"mean pooling topic accuracy {byMeanPooling.Topic.Accuracy:F3}");
        // The sentiment takes far longer (about a thousand steps on 6,000 sentences for the Transformer; see samples/Language).
        Assert.Equal(500L, byTransformer.Positive.Count);
    }
}
