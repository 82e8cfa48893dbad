using System;
using System.IO;
using System.Linq;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.IntegrationTests;

/// <summary>Generated models with input fields end to end: training, unknown ids, data-set checks, persistence, export.</summary>
public sealed class FieldModelTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("multitask-fields-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>Rows whose click depends on the user's id and whose spend on the item's and a numeric feature.</summary>
    private static (FieldCtrModel.Features Input, FieldCtrModel.Targets Targets) Data(int rows, int seed)
    {
        var random = new Random(seed);
        var user = new long[rows];
        var item = new long[rows];
        var recent = new long[rows * 3];
        var numeric = new float[rows * 3];
        var click = new float[rows];
        var spend = new float[rows];
        for (var r = 0; r < rows; r++)
        {
            user[r] = random.Next(20);
            item[r] = random.Next(1_000_000);
            for (var v = 0; v < 3; v++)
            {
                recent[(r * 3) + v] = random.Next(4) == 0 ? -1 : random.Next(1_000_000);
                numeric[(r * 3) + v] = (float)((random.NextDouble() * 2) - 1);
            }

            click[r] = user[r] % 3 == 0 ? 1 : 0;
            spend[r] = (item[r] % 32 < 16 ? 1f : -1f) + numeric[r * 3];
        }

        return (new(tensor(user), tensor(item), tensor(recent, rows, 3), tensor(numeric, rows, 3)),
            new(new TaskTarget(tensor(click)), new TaskTarget(tensor(spend))));
    }

    [Fact]
    public void A_field_model_trains_and_its_loss_drops()
    {
        var (input, targets) = Data(rows: 256, seed: 1);
        manual_seed(2);
        using var model = new FieldCtrModel();
        var history = model.CreateTrainer(new FieldCtrModel.TrainingOptions { Epochs = 15, LearningRate = 0.02, Seed = 3 })
            .Fit(FieldCtrModel.Batch.From(input, targets, batchSize: 64, shuffle: true));

        double first = history[0].TrainEvaluation!.Loss;
        double last = history[^1].TrainEvaluation!.Loss;
        Assert.True(last < first * 0.7, $"loss {first} -> {last}");
        // The tables hold vocabulary + 1 rows; the sharer and the dense field have no parameter of their own.
        Assert.Equal(
            new[] { ("User", 21L * 4), ("Item", 33L * 4), ("Recent", 0L), ("Numeric", 0L) },
            model.Summary().Rows.Take(4).ToArray());
    }

    [Fact]
    public void Unknown_ids_at_prediction_read_the_reserved_row()
    {
        var (input, _) = Data(rows: 4, seed: 4);
        manual_seed(5);
        using var model = new FieldCtrModel();
        using var unknown = tensor(new long[] { 20, 1000, -7, 19 });
        using var otherUnknown = tensor(new long[] { 55, 21, -1, 19 });

        var a = model.Predict(input with { User = unknown }).Click.Probabilities.data<float>().ToArray();
        var b = model.Predict(input with { User = otherUnknown }).Click.Probabilities.data<float>().ToArray();

        Assert.All(a, p => Assert.True(float.IsFinite(p)));
        Assert.Equal(a, b);
        Assert.All(model.User.Table.weight![20].data<float>().ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Batch_from_names_the_field_and_row_of_an_out_of_vocabulary_id()
    {
        var (input, targets) = Data(rows: 8, seed: 6);
        using var users = tensor(new long[] { 0, 1, 2, 3, 4, 25, 6, 7 });
        var error = Assert.Throws<TaskDataException>(() => FieldCtrModel.Batch.From(input with { User = users }, targets, batchSize: 4));
        Assert.StartsWith("FieldCtrModel.User: id 25 at row 5 of the data set is outside the vocabulary [0, 20)", error.Message);

        using var shortNumeric = zeros(7, 3);
        Assert.Equal("FieldCtrModel.Numeric: the data set has 8 rows but the field has 7 rows", Assert.Throws<ArgumentException>(() => FieldCtrModel.Batch.From(input with { Numeric = shortNumeric }, targets, batchSize: 4)).Message);
    }

    [Fact]
    public void Forward_names_the_field_of_a_wrong_shape()
    {
        var (input, _) = Data(rows: 4, seed: 7);
        using var model = new FieldCtrModel();
        using var flat = zeros(4, ScalarType.Int64);
        Assert.Equal("CategoricalEmbedding.Recent: expects int64 [N, 3], got int64 [4]", Assert.Throws<TaskDataException>(() => model.forward(input with { Recent = flat })).Message);
    }

    [Fact]
    public void The_shared_table_is_one_parameter_under_its_owner_in_the_state_dict()
    {
        using var model = new FieldCtrModel();
        var keys = model.state_dict().Keys.ToArray();
        Assert.Contains("user.table.weight", keys);
        Assert.Contains("item.table.weight", keys);
        Assert.DoesNotContain(keys, k => k.StartsWith("recent.", StringComparison.Ordinal) || k.StartsWith("numeric.", StringComparison.Ordinal));
        Assert.Equal(new long[] { 33, 4 }, model.Item.Table.weight!.shape);
        Assert.Same(model.Item.Table, model.Recent.Table);
    }

    [Fact]
    public void A_trained_field_model_round_trips_through_save_and_load()
    {
        var (input, targets) = Data(rows: 64, seed: 8);
        manual_seed(9);
        using var model = new FieldCtrModel();
        model.CreateTrainer(new FieldCtrModel.TrainingOptions { Epochs = 2 }).Fit(FieldCtrModel.Batch.From(input, targets, batchSize: 16));
        string path = Path.Combine(folder, "ctr.mtl");
        model.Save(path);
        using var loaded = FieldCtrModel.Load(path);

        Assert.Equal(Weights.Of(model), Weights.Of(loaded));
        Assert.Equal(model.forward(input).Spend.data<float>().ToArray(), loaded.forward(input).Spend.data<float>().ToArray());
    }

    [Fact]
    public void A_checkpoint_resumes_a_field_model_to_the_same_weights()
    {
        var (input, targets) = Data(rows: 64, seed: 10);
        var batches = FieldCtrModel.Batch.From(input, targets, batchSize: 16, shuffle: true, seed: 1).ToList();
        FieldCtrModel Train(int epochs, string? resumeFrom, string? checkpoints)
        {
            manual_seed(resumeFrom is null ? 11 : 99);
            var model = new FieldCtrModel();
            var options = new FieldCtrModel.TrainingOptions
            {
                Epochs = epochs,
                LearningRate = 0.01,
                Seed = 12,
                Callbacks = checkpoints is null ? [] : [new CheckpointCallback<FieldCtrModel.Metrics>(checkpoints, every: 2)],
            };
            using var trainer = model.CreateTrainer(options);
            trainer.Fit(batches, resumeFrom: resumeFrom);
            return model;
        }

        string checkpoints = Path.Combine(folder, "checkpoints");
        using var straight = Train(4, null, checkpoints);
        using var resumed = Train(4, Path.Combine(checkpoints, "epoch-0002.mtlckpt"), null);

        Assert.Equal(Weights.Of(straight), Weights.Of(resumed));
    }

    [Fact]
    public void Heads_read_the_embeddings_directly_and_train()
    {
        using var tags = tensor(new long[] { 0, 1, 2, -1, 3, 3, -1, -1, 4, 5, 1, -1 }, 6, 2);
        using var first = tensor(new float[] { 1, 0, 1, 0, 0, 1 });
        using var second = tensor(new float[] { 0, 1, 1, 0, 1, 0 });
        manual_seed(13);
        using var model = new FieldHeadsModel();
        var history = model.CreateTrainer(new FieldHeadsModel.TrainingOptions { Epochs = 30, LearningRate = 0.05 })
            .Fit(FieldHeadsModel.Batch.From(new(tags), new(new TaskTarget(first), new TaskTarget(second)), batchSize: 6));

        Assert.True(history[^1].TrainEvaluation!.Loss < history[0].TrainEvaluation!.Loss);
        using var output = model.Tags.forward(tags);
        Assert.All(output[3].data<float>().ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void The_pytorch_export_refuses_a_field_model()
    {
        using var model = new FieldCtrModel();
        var error = Assert.Throws<NotSupportedException>(() => model.ExportPyTorch(Path.Combine(folder, "export")));
        Assert.Equal("FieldCtrModel reads input fields ([Categorical] User, [Categorical] Item, [Categorical] Recent, [Dense] Numeric), which the PyTorch export does not translate yet (model.py would have no encoders for them); nothing was written.", error.Message);
        Assert.False(Directory.Exists(Path.Combine(folder, "export")));
    }

    [Fact]
    public void A_text_and_image_model_trains_from_flat_pixels_and_saves()
    {
        var random = new Random(14);
        const int Rows = 48;
        var tokens = new long[Rows * 5];
        var pixels = new float[Rows * 16];
        var topic = new long[Rows];
        var bright = new float[Rows];
        for (var r = 0; r < Rows; r++)
        {
            topic[r] = r % 3;
            int length = 2 + random.Next(4);
            for (var t = 0; t < length; t++)
            {
                tokens[(r * 5) + t] = 1 + (topic[r] * 3) + random.Next(3);
            }

            bright[r] = random.Next(2);
            for (var p = 0; p < 16; p++)
            {
                pixels[(r * 16) + p] = (float)((bright[r] * 0.8) + (random.NextDouble() * 0.2));
            }
        }

        // Flat [N, 16] pixels: the data-set check reshapes them to [N, 1, 4, 4].
        var input = new TextImageFieldModel.Features(tensor(tokens, Rows, 5), tensor(pixels, Rows, 16));
        var targets = new TextImageFieldModel.Targets(new TaskTarget(tensor(topic)), new TaskTarget(tensor(bright)));
        manual_seed(15);
        using var model = new TextImageFieldModel();
        var history = model.CreateTrainer(new TextImageFieldModel.TrainingOptions { Epochs = 12, LearningRate = 0.02, Seed = 16 })
            .Fit(TextImageFieldModel.Batch.From(input, targets, batchSize: 16, shuffle: true));
        Assert.True(history[^1].TrainEvaluation!.Loss < history[0].TrainEvaluation!.Loss * 0.8, $"loss {history[0].TrainEvaluation!.Loss} -> {history[^1].TrainEvaluation!.Loss}");

        string path = Path.Combine(folder, "text-image.mtl");
        model.Save(path);
        using var loaded = TextImageFieldModel.Load(path);
        Assert.Equal(Weights.Of(model), Weights.Of(loaded));
        var images = input with { Pixels = input.Pixels.reshape(Rows, 1, 4, 4) };
        Assert.Equal(model.Predict(images).Topic.Classes.data<long>().ToArray(), loaded.Predict(images).Topic.Classes.data<long>().ToArray());
    }

    [Fact]
    public void An_autoencoder_over_dense_fields_reconstructs_their_concatenation()
    {
        manual_seed(17);
        using var left = randn(32, 3);
        using var right = randn(32, 2);
        using var sum = left.sum(1).add(right.sum(1));
        using var positive = sum.gt(0).to(ScalarType.Float32);
        using var model = new DenseFieldsAutoencoderModel();
        var input = new DenseFieldsAutoencoderModel.Features(left, right);
        var targets = new DenseFieldsAutoencoderModel.Targets(new TaskTarget(sum), new TaskTarget(positive));

        var outputs = model.forward(input);
        var losses = model.ComputeLoss(outputs, targets, cat([left, right], 1));
        using var expected = nn.functional.mse_loss(outputs.Reconstruction, cat([left, right], 1));
        Assert.Equal(new long[] { 32, 5 }, outputs.Reconstruction.shape);
        Assert.Equal(expected.item<float>(), losses.Reconstruction.item<float>(), 5);

        var history = model.CreateTrainer(new DenseFieldsAutoencoderModel.TrainingOptions { Epochs = 10, LearningRate = 0.02 })
            .Fit(DenseFieldsAutoencoderModel.Batch.From(input, targets, batchSize: 8));
        Assert.True(history[^1].TrainEvaluation!.Loss < history[0].TrainEvaluation!.Loss);
    }
}
