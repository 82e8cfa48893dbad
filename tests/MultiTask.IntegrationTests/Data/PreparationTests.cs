using System;
using System.Globalization;
using System.Linq;
using System.Text;
using MultiTask.Data;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.IntegrationTests.Data;

public sealed class PreparationTests
{
    private static readonly TableModel.Columns Columns = TableModel.ColumnsOfTable;

    /// <summary>Rows whose species is a, b or c in the ratio 6 : 3 : 1, features growing with the row number.</summary>
    internal static string Table(int rows)
    {
        var text = new StringBuilder("x1,x2,x3,species,flag,len,wid\n");
        for (var r = 0; r < rows; r++)
        {
            var species = (r % 10) switch { < 6 => "a", < 9 => "b", _ => "c" };
            text.Append(CultureInfo.InvariantCulture, $"{r},{r * 2},{r % 7},{species},{r % 2},{r * 0.5},{r * 0.25}\n");
        }

        return text.ToString();
    }

    [Fact]
    public void A_split_covers_every_row_once_with_the_fractions_and_repeats_for_a_seed()
    {
        using var files = new DataFiles();
        var rows = TableFile.Csv(files.Write("t.csv", Table(200))).Read(Columns);

        var split = rows.Split(validation: 0.15, test: 0.25, seed: 3);
        var again = rows.Split(validation: 0.15, test: 0.25, seed: 3);
        var other = rows.Split(validation: 0.15, test: 0.25, seed: 4);

        Assert.Equal((120, 30, 50), (split.Train.Count, split.Validation.Count, split.Test.Count));
        var ids = new[] { split.Train, split.Validation, split.Test }.SelectMany(FirstFeature).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, 200).Select(i => (float)i), ids);
        Assert.Equal(FirstFeature(split.Test), FirstFeature(again.Test));
        Assert.NotEqual(FirstFeature(split.Test), FirstFeature(other.Test));
    }

    [Fact]
    public void A_stratified_split_keeps_every_class_share_in_every_part()
    {
        using var files = new DataFiles();
        var rows = TableFile.Csv(files.Write("t.csv", Table(200))).Read(Columns);

        var split = rows.Split(validation: 0.2, test: 0.2, seed: 1, stratifyBy: nameof(TableModel.Species));

        foreach (var part in new[] { split.Train, split.Validation, split.Test })
        {
            var (_, targets) = part.ToTensors(part.FitPreparation(standardize: false));
            var counts = targets[0].Labels.bincount(null).data<long>().ToArray();
            Assert.Equal(new[] { 0.6, 0.3, 0.1 }, counts.Select(c => Math.Round(c / (double)part.Count, 2)));
        }
    }

    [Fact]
    public void Stratifying_by_a_regression_task_is_refused()
    {
        using var files = new DataFiles();
        var rows = TableFile.Csv(files.Write("t.csv", Table(20))).Read(Columns);

        var error = Assert.Throws<ArgumentException>(() => rows.Split(0.2, 0.2, stratifyBy: nameof(TableModel.Size)));

        Assert.StartsWith("Task 'Size' is a regression", error.Message);
    }

    [Fact]
    public void The_standardizer_is_fitted_on_the_training_split_only()
    {
        using var files = new DataFiles();
        var rows = TableFile.Csv(files.Write("t.csv", Table(100))).Read(Columns);
        var split = rows.Split(validation: 0, test: 0.5, seed: 2);

        var preparation = split.Train.FitPreparation();
        var (train, _) = split.Train.ToTensors(preparation);
        var (test, _) = split.Test.ToTensors(preparation);

        var trainMean = train.mean([0]).data<float>().ToArray();
        var trainStd = train.std([0], unbiased: false).data<float>().ToArray();
        Assert.All(trainMean, m => Assert.Equal(0, m, 4));
        Assert.All(trainStd, s => Assert.Equal(1, s, 4));
        Assert.NotEqual(0, test.mean([0]).data<float>()[0], 2);
        var rawTrain = split.Train.ToTensors(split.Train.FitPreparation(standardize: false)).Input;
        Assert.Equal(rawTrain.mean([0]).data<float>()[0], preparation.Scaler!.Mean[0], 3);
    }

    [Fact]
    public void A_preparation_saved_beside_the_model_loads_with_its_scaler_and_class_names_and_names_predictions()
    {
        using var files = new DataFiles();
        var rows = TableFile.Csv(files.Write("t.csv", Table(40))).Read(Columns);
        var preparation = rows.FitPreparation();
        var modelPath = files.Write("model.mtl", string.Empty);

        preparation.SaveBeside(modelPath);
        var loaded = DataPreparation.LoadBeside(modelPath);

        Assert.Equal(modelPath + ".data.json", DataPreparation.PathBeside(modelPath));
        Assert.Equal(preparation.Scaler!.Mean, loaded.Scaler!.Mean);
        Assert.Equal(preparation.Scaler.Scale, loaded.Scaler.Scale);
        Assert.Equal(["a", "b", "c"], loaded.ClassNames(nameof(TableModel.Species)));
        Assert.Null(loaded.ClassNames(nameof(TableModel.Flag)));
        Assert.Equal(["c", "a", "b"], loaded.Names(nameof(TableModel.Species), tensor(new long[] { 2, 0, 1 })));

        manual_seed(1);
        using var model = new TableModel();
        var (input, _) = rows.ToTensors(loaded);
        var predicted = loaded.Names(nameof(TableModel.Species), model.Predict(input).Species.Classes);
        Assert.Equal(rows.Count, predicted.Length);
        Assert.All(predicted, name => Assert.Contains(name, new[] { "a", "b", "c" }));
    }

    [Fact]
    public void Prepare_standardizes_new_rows_as_the_training_rows()
    {
        using var files = new DataFiles();
        var rows = TableFile.Csv(files.Write("t.csv", Table(30))).Read(Columns);
        var preparation = rows.FitPreparation();
        var raw = rows.ToTensors(rows.FitPreparation(standardize: false)).Input;

        var prepared = preparation.Prepare(raw);

        Assert.True(prepared.allclose(rows.ToTensors(preparation).Input, atol: 1e-5));
    }

    [Fact]
    public void A_corrupt_preparation_file_names_the_file()
    {
        using var files = new DataFiles();
        var path = files.Write("model.mtl.data.json", "{ not json");

        var error = Assert.Throws<DataFileException>(() => DataPreparation.Load(path));

        Assert.StartsWith($"{path}: not a data preparation", error.Message);
    }

    private static float[] FirstFeature<TBatch>(LabeledRows<TBatch> rows)
        => rows.ToTensors(rows.FitPreparation(standardize: false)).Input[.., 0].data<float>().ToArray();
}
