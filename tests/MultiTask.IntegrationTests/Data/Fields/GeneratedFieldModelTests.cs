using System;
using System.Globalization;
using System.Linq;
using System.Text;
using MultiTask.Data;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.IntegrationTests.Data.Fields;

/// <summary>A generated field model's <c>Columns</c> through the reader: train from a file, save, and predict new rows as the training rows were read.</summary>
public sealed class GeneratedFieldModelTests
{
    private static readonly string[] Users = ["ann", "bob", "cy", "dan", "eve", "fay"];
    private static readonly string[] Words = ["good", "bad", "film", "plot", "actor", "music"];

    /// <summary>Rows whose click is the user's (ann, cy, eve click) and whose liking is whether the title says "good".</summary>
    private static string Csv(int rows, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder("user,tag,title,age,p1,p2,p3,p4,click,liked\n");
        for (var r = 0; r < rows; r++)
        {
            var user = random.Next(Users.Length);
            var good = random.Next(2) == 1;
            var title = string.Join(' ', Enumerable.Range(0, 3).Select(_ => Words[1 + random.Next(Words.Length - 1)]).Append(good ? "Good!" : "bad"));
            var pixels = string.Join(',', Enumerable.Range(0, 4).Select(_ => random.NextDouble().ToString("0.00", CultureInfo.InvariantCulture)));
            text.Append(CultureInfo.InvariantCulture, $"{Users[user]},t{random.Next(100)},\"{title}\",{20 + random.Next(40)},{pixels},{(user % 2 == 0 ? 1 : 0)},{(good ? 1 : 0)}\n");
        }

        return text.ToString();
    }

    private static ReaderFieldModel.Columns Columns => new()
    {
        User = "user", Tag = "tag", Title = "title", Age = InputColumns.Named("age"),
        Pixels = InputColumns.Prefix("p"), Click = "click", Liked = "liked",
    };

    [Fact]
    public void A_generated_field_model_trains_from_a_file_and_predicts_new_rows_with_the_saved_preparation()
    {
        using var files = new DataFiles();
        var rows = TableFile.Csv(files.Write("train.csv", Csv(rows: 240, seed: 1))).Read(Columns);
        var split = rows.Split(validation: 0, test: 0.25, seed: 2);
        var preparation = split.Train.FitPreparation();
        manual_seed(3);
        using var model = new ReaderFieldModel();
        var trainer = model.CreateTrainer(new ReaderFieldModel.TrainingOptions { Epochs = 40, LearningRate = 0.03, Seed = 4 });
        trainer.Fit(split.Train.Batches(preparation, batchSize: 32, shuffle: true, seed: 5));

        var test = trainer.Evaluate(split.Test.Batches(preparation, batchSize: 64));
        var modelPath = files.Write("reader.mtl", string.Empty);
        preparation.SaveBeside(modelPath);
        var loaded = DataPreparation.LoadBeside(modelPath);
        using var age = tensor(new float[] { 30, 30 }, 2, 1);
        using var pixels = zeros(2, 1, 2, 2);
        var input = new ReaderFieldModel.Features(
            loaded.Encode("User", ["ann", "zed"]), loaded.Encode("Tag", ["t1", "t1"]), loaded.Encode("Title", ["a good film", "a good film"]),
            loaded.Prepare("Age", age), pixels);
        using var noGrad = no_grad();
        model.eval();
        var click = model.Predict(input).Click.Probabilities.data<float>().ToArray();

        Assert.True(test.Click.Accuracy > 0.9, $"click accuracy {test.Click.Accuracy}");
        Assert.True(test.Liked.Accuracy > 0.9, $"liked accuracy {test.Liked.Accuracy}");
        Assert.True(click[0] > 0.7f, $"ann clicks with probability {click[0]}");
        Assert.Equal(8, input.User[1].item<long>());                  // zed: the reserved row
        Assert.Equal(preparation.Scaler!.Mean[0], loaded.Scaler!.Mean[0]);
        Assert.Equal((30 - loaded.Scaler.Mean[0]) / loaded.Scaler.Scale[0], input.Age[0, 0].item<float>(), 5);
    }

    [Fact]
    public void A_generated_field_model_streams_its_batches_from_a_file()
    {
        using var files = new DataFiles();
        var file = TableFile.Csv(files.Write("train.csv", Csv(rows: 50, seed: 6)));
        var preparation = file.FitPreparation(Columns);
        manual_seed(7);
        using var model = new ReaderFieldModel();

        var history = model.CreateTrainer(new ReaderFieldModel.TrainingOptions { Epochs = 2, Seed = 8 })
            .Fit(file.Stream(Columns, preparation, batchSize: 16, shuffleBuffer: 32, seed: 9));

        Assert.Equal(2, history.Count);
        Assert.True(double.IsFinite(history[^1].TrainEvaluation!.Loss));
        Assert.Equal(FieldValues.HashedNames, preparation.Field("Tag").Values);
        Assert.Equal(Words.Order(StringComparer.Ordinal), preparation.Field("Title").Vocabulary!.Order(StringComparer.Ordinal));
    }
}
