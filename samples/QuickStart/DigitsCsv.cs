using System;
using System.Linq;
using MultiTask;
using MultiTask.Data;

namespace QuickStart;

/// <summary>The UCI digits file (64 pixel counts 0..16, then the digit; no header) as the quick start's two tasks: which digit, and whether it is even.</summary>
internal static class DigitsCsv
{
    public static TwoTaskData Load(string path)
    {
        var columns = new QuickStartModel.Columns
        {
            Features = InputColumns.Range(0, 63),
            Category = 64,
            Flag = TargetColumn.Of(64).Map(digit => digit % 2 == 0 ? 1 : 0),
        };
        var rows = TableFile.Csv(path, hasHeader: false).Read(columns);
        var (pixels, targets) = rows.ToTensors(rows.FitPreparation(standardize: false));
        using var scaled = pixels.div(16);                     // pixel counts to [0, 1], as the synthetic features' range
        var values = scaled.data<float>().ToArray();
        var features = new float[rows.Count, 64];
        Buffer.BlockCopy(values, 0, features, 0, values.Length * sizeof(float));
        var digits = targets[0].Labels.data<long>().ToArray();
        var even = targets[1].Labels.data<float>().ToArray().Select(f => f == 1).ToArray();
        return new TwoTaskData("digits (UCI), Category = which digit, Flag = is it even", features, digits, even);
    }
}
