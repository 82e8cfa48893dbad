using System;
using System.Globalization;
using System.Linq;
using SharingStrategies;
using TorchSharp;
using static TorchSharp.torch;

// Hard, soft and feature-based sharing (and no sharing) on the same three regression tasks, by k-fold cross-validation.
// Default data: generated, Linnerud-shaped. `--linnerud DIR` reads the real Linnerud files from DIR (e.g. ../shared/data).
// The models are small: one CPU thread is fastest for them (and spares a busy machine's other cores).
torch.set_num_threads(1);
string? linnerud = null;
int folds = 5, epochs = 200;
for (var i = 0; i < args.Length; i += 2)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--linnerud" when value is not null: linnerud = value; break;
        case "--folds" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k >= 2: folds = k; break;
        case "--epochs" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var e) && e > 0: epochs = e; break;
        default:
            Console.Error.WriteLine("usage: SharingStrategies [--linnerud DIR] [--folds K>=2] [--epochs N]");
            return 2;
    }
}

var data = linnerud is null ? RegressionData.Generated(rows: 60, seed: 3) : LinnerudData.Load(linnerud);
Console.WriteLine($"Data: {data.Description}; {folds}-fold cross-validation, {epochs} epochs per fit.");

var strategies = Strategies.All;
var absoluteErrors = new double[strategies.Length, 3];
foreach (var testRows in RegressionData.Folds(data.Rows, folds, seed: 1))
{
    var trainRows = Enumerable.Range(0, data.Rows).Except(testRows).ToArray();
    var (train, test) = (data.Take(trainRows), data.Take(testRows));
    using var scope = NewDisposeScope();
    var (x, xMean, xStd) = Standardized(tensor(train.Inputs));
    var (y, yMean, yStd) = Standardized(tensor(train.Targets));
    var testX = (tensor(test.Inputs) - xMean) / xStd;
    var testY = tensor(test.Targets);
    for (var s = 0; s < strategies.Length; s++)
    {
        var predict = strategies[s].Fit(x, y, epochs);
        // sum(dim: 0): a bare 0 would bind to sum's ScalarType parameter (0 converts to any enum) and sum as bytes.
        var errors = (predict(testX) * yStd + yMean - testY).abs().sum(dim: 0).data<float>().ToArray();
        for (var t = 0; t < 3; t++) absoluteErrors[s, t] += errors[t];
    }
}

Console.WriteLine();
Console.WriteLine($"Mean absolute error on held-out rows (original units):");
Console.WriteLine($"  {"strategy",-40}{string.Concat(data.TargetNames.Select(n => $"{n,10}"))}");
for (var s = 0; s < strategies.Length; s++)
    Console.WriteLine($"  {strategies[s].Name,-40}{string.Concat(Enumerable.Range(0, 3).Select(t => $"{absoluteErrors[s, t] / data.Rows,10:F2}"))}");
return 0;

static (Tensor Standardized, Tensor Mean, Tensor Std) Standardized(Tensor values)
{
    var mean = values.mean([0]);
    var std = values.std(0L).clamp_min(1e-6);
    return ((values - mean) / std, mean, std);
}
