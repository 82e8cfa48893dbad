using System.Collections.Generic;
using System.Linq;
using MultiTask.Data;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.IntegrationTests.Data;

public sealed class StreamingTests
{
    private static readonly TableModel.Columns Columns = TableModel.ColumnsOfTable;

    private static float[] FirstFeatures(IEnumerable<TableModel.Batch> batches, DataPreparation preparation)
        => batches.SelectMany(b => b.Input[.., 0].data<float>().ToArray()).Select(x => x * preparation.Scaler!.Scale[0] + preparation.Scaler.Mean[0]).Select(x => (float)System.Math.Round(x)).ToArray();

    [Fact]
    public void A_shuffled_stream_yields_every_row_once_in_a_new_order_each_pass()
    {
        using var files = new DataFiles();
        var file = TableFile.Csv(files.Write("t.csv", PreparationTests.Table(100)));
        var preparation = file.FitPreparation(Columns);

        var batches = file.Stream(Columns, preparation, batchSize: 8, shuffleBuffer: 16, seed: 5);
        var first = FirstFeatures(batches, preparation);
        var second = FirstFeatures(batches, preparation);

        Assert.Equal(Enumerable.Range(0, 100).Select(i => (float)i), first.Order());
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (float)i), second.Order());
        Assert.NotEqual(first, second);
        Assert.NotEqual(first.Order(), first);
        Assert.Equal(Enumerable.Repeat(8L, 12).Append(4), batches.Select(b => b.Input.shape[0]));
    }

    [Fact]
    public void An_unshuffled_stream_is_the_in_memory_rows_in_file_order()
    {
        using var files = new DataFiles();
        var file = TableFile.Csv(files.Write("t.csv", PreparationTests.Table(50)));
        var rows = file.Read(Columns);
        var preparation = rows.FitPreparation();

        var streamed = file.Stream(Columns, preparation, batchSize: 16).ToList();
        var (input, targets) = rows.ToTensors(preparation);

        Assert.True(cat(streamed.Select(b => b.Input).ToList(), 0).allclose(input));
        Assert.Equal(ReaderTests.Numbers(targets[0].Labels), ReaderTests.Numbers(cat(streamed.Select(b => b.Targets.Species.Labels).ToList(), 0)));
        Assert.True(cat(streamed.Select(b => b.Targets.Size.Labels).ToList(), 0).allclose(targets[2].Labels));
    }

    [Fact]
    public void A_streamed_preparation_equals_the_one_fitted_in_memory()
    {
        using var files = new DataFiles();
        var file = TableFile.Csv(files.Write("t.csv", PreparationTests.Table(70)));

        var streamed = file.FitPreparation(Columns);
        var inMemory = file.Read(Columns).FitPreparation();

        Assert.Equal(inMemory.Scaler!.Mean.Select(m => (double)m), streamed.Scaler!.Mean.Select(m => (double)m), (a, b) => System.Math.Abs(a - b) < 1e-4);
        Assert.Equal(inMemory.Scaler.Scale.Select(m => (double)m), streamed.Scaler.Scale.Select(m => (double)m), (a, b) => System.Math.Abs(a - b) < 1e-4);
        Assert.Equal(inMemory.ClassNames("Species"), streamed.ClassNames("Species"));
    }

    [Fact]
    public void A_parquet_file_streams_across_its_row_groups()
    {
        using var files = new DataFiles();
        var count = 45;
        float?[] Column(System.Func<int, float> value) => Enumerable.Range(0, count).Select(r => (float?)value(r)).ToArray();
        var path = files.WriteParquet("t.parquet",
            new Dictionary<string, float?[]> { ["x1"] = Column(r => r), ["x2"] = Column(r => -r), ["x3"] = Column(r => r % 3), ["flag"] = Column(r => r % 2), ["len"] = Column(r => r), ["wid"] = Column(r => 1) },
            new Dictionary<string, string?[]> { ["species"] = Enumerable.Range(0, count).Select(r => "abc"[r % 3].ToString()).ToArray() },
            groupRows: 7);
        var file = TableFile.Parquet(path);
        var preparation = file.FitPreparation(Columns);

        var rows = FirstFeatures(file.Stream(Columns, preparation, batchSize: 10, shuffleBuffer: 12, seed: 1), preparation);

        Assert.Equal(Enumerable.Range(0, count).Select(i => (float)i), rows.Order());
    }

    [Fact]
    public void A_model_trains_an_epoch_on_a_stream()
    {
        using var files = new DataFiles();
        var file = TableFile.Csv(files.Write("t.csv", PreparationTests.Table(64)));
        var preparation = file.FitPreparation(Columns);
        manual_seed(3);
        using var model = new TableModel();

        var history = model.CreateTrainer(new TableModel.TrainingOptions { Epochs = 2 }).Fit(file.Stream(Columns, preparation, batchSize: 16, shuffleBuffer: 32, seed: 1));

        Assert.Equal(2, history.Count);
        Assert.Equal(64, history[1].Train.Species.Count);
        Assert.True(double.IsFinite(history[1].Train.Loss));
    }
}
