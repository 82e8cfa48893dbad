using System;
using System.Collections.Generic;
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
        var features = tensor(impressions.Features);
        var click = TaskTarget.Binary(impressions.Clicked);
        var conversion = TaskTarget.Binary(impressions.Converted, mask: impressions.ConversionObserved);
        var inputs = new SmallEmbeddingMmoe.Features(tensor(data.User), tensor(data.Item), tensor(data.Context), features);
        var targets = new SmallEmbeddingMmoe.Targets(click, conversion);
        var denseTargets = new SmallDenseMmoe.Targets(click, conversion);

        using var embedding = Seeded(() => new SmallEmbeddingMmoe());
        var withIds = FitAndEvaluate(embedding, epochs: 5, learningRate: 1e-2, trainRows: 5000, allRows: 6000, batchSize: 128,
            (rows, batchSize, shuffle) => SmallEmbeddingMmoe.Batch.From(inputs.Select(rows), targets.Select(rows), batchSize, shuffle, seed: 2));
        using var dense = Seeded(() => new SmallDenseMmoe());
        var withoutIds = FitAndEvaluate(dense, epochs: 5, learningRate: 1e-2, trainRows: 5000, allRows: 6000, batchSize: 128,
            (rows, batchSize, shuffle) => SmallDenseMmoe.Batch.From(features.index_select(0, rows), denseTargets.Select(rows), batchSize, shuffle, seed: 2));

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

        using var model = Seeded(() => new SmallConvolutionalDigits());
        var metrics = FitAndEvaluate(model, epochs: 15, learningRate: 3e-3, trainRows: 1400, allRows: 1797, batchSize: 64,
            (subset, batchSize, shuffle) => SmallConvolutionalDigits.Batch.From(inputs.Select(subset), targets.Select(subset), batchSize, shuffle, seed: 2));

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
        var targets = new SmallTransformerText.Targets(topic, positive);
        var meanTargets = new SmallMeanPoolingText.Targets(topic, positive);

        using var transformer = Seeded(() => new SmallTransformerText());
        var byTransformer = FitAndEvaluate(transformer, epochs: 4, learningRate: 3e-3, trainRows: 2500, allRows: 3000, batchSize: 64,
            (rows, batchSize, shuffle) => SmallTransformerText.Batch.From(new SmallTransformerText.Features(tokens).Select(rows), targets.Select(rows), batchSize, shuffle, seed: 2));
        using var meanPooling = Seeded(() => new SmallMeanPoolingText());
        var byMeanPooling = FitAndEvaluate(meanPooling, epochs: 4, learningRate: 3e-3, trainRows: 2500, allRows: 3000, batchSize: 64,
            (rows, batchSize, shuffle) => SmallMeanPoolingText.Batch.From(new SmallMeanPoolingText.Features(tokens).Select(rows), meanTargets.Select(rows), batchSize, shuffle, seed: 2));

        Assert.True(byTransformer.Topic.Accuracy > 0.95, $"Transformer topic accuracy {byTransformer.Topic.Accuracy:F3}");
        Assert.True(byMeanPooling.Topic.Accuracy > 0.95, $"mean pooling topic accuracy {byMeanPooling.Topic.Accuracy:F3}");
        // The sentiment takes far longer (about a thousand steps on 6,000 sentences for the Transformer; see samples/Language).
        Assert.Equal(500L, byTransformer.Positive.Count);
    }

    private static TModel Seeded<TModel>(Func<TModel> create)
    {
        manual_seed(1);
        return create();
    }

    /// <summary>Trains on the first <paramref name="trainRows"/> rows (shuffled batches), then evaluates on the rest in one batch.</summary>
    private static TMetrics FitAndEvaluate<TBatch, TMetrics>(IMultiTaskModel<TBatch, TMetrics> model, int epochs, double learningRate, int trainRows, int allRows, int batchSize,
        Func<Tensor, int, bool, IEnumerable<TBatch>> batches)
    {
        using var trainer = model.CreateTrainer(new TrainingOptions<TMetrics> { Epochs = epochs, LearningRate = learningRate });
        trainer.Fit(batches(arange(0, trainRows, dtype: int64), batchSize, true));
        return trainer.Evaluate(batches(arange(trainRows, allRows, dtype: int64), allRows - trainRows, false));
    }
}
