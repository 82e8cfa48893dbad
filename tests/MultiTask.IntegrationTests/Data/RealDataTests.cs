using System.Linq;
using MultiTask.Data;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.IntegrationTests.Data;

/// <summary>The real data of ../shared/data through the readers.</summary>
public sealed class RealDataTests
{
    [Fact]
    public void Digits_read_split_and_standardized_train_both_tasks_above_95_percent_on_the_test_split()
    {
        var columns = new DigitsFileModel.Columns
        {
            Features = InputColumns.Range(0, 63),
            Digit = 64,
            IsEven = TargetColumn.Of(64).Map(digit => digit % 2 == 0 ? 1 : 0),
        };
        var rows = TableFile.Csv(DataFiles.Real("digits.csv.gz"), hasHeader: false).Read(columns);
        var split = rows.Split(validation: 0.1, test: 0.2, seed: 1, stratifyBy: nameof(DigitsFileModel.Digit));
        var preparation = split.Train.FitPreparation();
        manual_seed(1);
        using var model = new DigitsFileModel();

        model.CreateTrainer(new DigitsFileModel.TrainingOptions { Epochs = 12, LearningRate = 3e-3 })
            .Fit(split.Train.Batches(preparation, batchSize: 64, shuffle: true, seed: 1), split.Validation.Batches(preparation, batchSize: 256));
        var test = model.CreateTrainer().Evaluate(split.Test.Batches(preparation, batchSize: 256));

        Assert.Equal(1797, rows.Count);
        Assert.InRange(split.Test.Count, 355, 365);   // 20% of every digit, rounded per digit
        Assert.True(test.Digit.Accuracy > 0.95, $"digit accuracy {test.Digit.Accuracy}");
        Assert.True(test.IsEven.Accuracy > 0.95, $"is-even accuracy {test.IsEven.Accuracy}");
    }

    [Fact]
    public void Linnerud_exercises_beside_the_physiological_measurements_train_three_regressions()
    {
        var exercise = TableFile.Delimited(DataFiles.Real("linnerud_exercise.csv"), ' ');
        var physiological = TableFile.Delimited(DataFiles.Real("linnerud_physiological.csv"), ' ');
        var columns = new LinnerudFileModel.Columns
        {
            Features = InputColumns.Named("Chins", "Situps", "Jumps"),
            Weight = "Weight",
            Waist = "Waist",
            Pulse = "Pulse",
        };

        var rows = exercise.Beside(physiological).Read(columns);
        var preparation = rows.FitPreparation(standardize: false);
        var (input, targets) = rows.ToTensors(preparation);

        Assert.Equal(20, rows.Count);
        Assert.Equal(new float[] { 5, 162, 60 }, input[0].data<float>().ToArray());
        Assert.Equal(new float[] { 191, 36, 50 }, targets.Select(t => t.Labels[0].item<float>()));

        var standardized = rows.FitPreparation();
        manual_seed(2);
        using var model = new LinnerudFileModel();
        var history = model.CreateTrainer(new LinnerudFileModel.TrainingOptions { Epochs = 300, LearningRate = 0.1 })
            .Fit(rows.Batches(standardized, batchSize: 20));
        Assert.True(history[^1].Train.Loss < history[0].Train.Loss / 2, $"loss {history[0].Train.Loss} -> {history[^1].Train.Loss}");
    }

    [Fact]
    public void Files_of_different_lengths_joined_side_by_side_name_the_shorter()
    {
        using var files = new DataFiles();
        var left = TableFile.Delimited(files.Write("left.txt", "Chins Situps Jumps\n1 2 3\n4 5 6\n"), ' ');
        var right = TableFile.Delimited(files.Write("right.txt", "Weight Waist Pulse\n1 2 3\n"), ' ');
        var columns = new LinnerudFileModel.Columns { Features = InputColumns.Range("Chins", "Jumps"), Weight = "Weight", Waist = "Waist", Pulse = "Pulse" };

        var error = Assert.Throws<DataFileException>(() => left.Beside(right).Read(columns));

        Assert.Contains("right.txt ends after 1 data rows, the other file has more", error.Message);
    }
}
