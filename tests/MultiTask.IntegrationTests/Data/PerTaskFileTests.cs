using System.Globalization;
using System.Linq;
using System.Text;
using MultiTask.Data;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.IntegrationTests.Data;

public sealed class PerTaskFileTests
{
    private static string File(int rows, string target, int seed)
    {
        var random = new System.Random(seed);
        var text = new StringBuilder($"a,b,{target}\n");
        for (var r = 0; r < rows; r++)
        {
            double a = random.NextDouble(), b = random.NextDouble();
            text.Append(CultureInfo.InvariantCulture, $"{a},{b},{(target == "label" ? (a > b ? "yes" : "no") : (a - b).ToString(CultureInfo.InvariantCulture))}\n");
        }

        return text.ToString();
    }

    [Fact]
    public void Each_task_reads_its_own_file_and_the_model_trains_on_both()
    {
        using var files = new DataFiles();
        var columns = new TwoFilesModel.Columns { Features = InputColumns.Named("a", "b"), Left = "label", Right = "value" };
        var left = TableFile.Csv(files.Write("left.csv", File(24, "label", 1))).ReadTask(columns, nameof(TwoFilesModel.Left));
        var right = TableFile.Csv(files.Write("right.csv", File(40, "value", 2))).ReadTask(columns, nameof(TwoFilesModel.Right));
        var preparation = DataPreparation.Fit([left, right]);
        manual_seed(1);
        using var model = new TwoFilesModel();

        var history = model.CreateTrainer(new TwoFilesModel.TrainingOptions { Epochs = 1 })
            .Fit(PerTaskRows.Batches(columns, preparation, [right, left], batchSize: 8));

        Assert.Equal(["no", "yes"], preparation.ClassNames(nameof(TwoFilesModel.Left)));
        Assert.Equal(40, history[0].Train.Left.Count);   // 3 batches, restarted up to the longer task's 5
        Assert.Equal(40, history[0].Train.Right.Count);
        var raw = DataPreparation.Fit([left, right], standardize: false);
        var bothInputs = cat(new[] { left.ToTaskData(raw).Input, right.ToTaskData(raw).Input }, 0);
        Assert.Equal(bothInputs.mean([0]).data<float>().ToArray(), preparation.Scaler!.Mean.ToArray(), (a, b) => System.Math.Abs(a - b) < 1e-5);
    }

    [Fact]
    public void A_per_task_model_reads_no_column_of_another_task()
    {
        using var files = new DataFiles();
        var columns = new TwoFilesModel.Columns { Features = InputColumns.Named("a", "b"), Left = "label", Right = "value" };

        var left = TableFile.Csv(files.Write("left.csv", File(5, "label", 1))).ReadTask(columns, nameof(TwoFilesModel.Left));

        Assert.Equal(5, left.Count);
        Assert.Throws<System.InvalidOperationException>(() => left.Batches(left.FitPreparation(), batchSize: 2));
    }
}
