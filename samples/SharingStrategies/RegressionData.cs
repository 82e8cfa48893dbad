using System;
using System.Linq;

namespace SharingStrategies;

/// <summary>Input rows and three regression targets per row.</summary>
internal sealed record RegressionData(string Description, float[,] Inputs, float[,] Targets, string[] TargetNames)
{
    public int Rows => Inputs.GetLength(0);

    public RegressionData Take(int[] rows) => this with { Inputs = TakeRows(Inputs, rows), Targets = TakeRows(Targets, rows) };

    private static float[,] TakeRows(float[,] values, int[] rows)
    {
        var result = new float[rows.Length, values.GetLength(1)];
        for (var r = 0; r < rows.Length; r++)
            for (var c = 0; c < values.GetLength(1); c++)
                result[r, c] = values[rows[r], c];
        return result;
    }

    /// <summary>
    /// Default data with the shape of Linnerud (3 inputs, 3 related targets): two targets by the library's synthetic
    /// procedure with correlated tasks, the third their mean plus noise.
    /// </summary>
    public static RegressionData Generated(int rows, int seed)
    {
        var tasks = MultiTask.SyntheticTasks.Regression(rows, correlation: 0.8, dimension: 3, seed: seed);
        var random = new Random(seed);
        var targets = new float[rows, 3];
        for (var r = 0; r < rows; r++)
        {
            targets[r, 0] = tasks.Task1[r];
            targets[r, 1] = tasks.Task2[r];
            targets[r, 2] = (tasks.Task1[r] + tasks.Task2[r]) / 2 + (float)(0.3 * (random.NextDouble() - 0.5));
        }
        return new RegressionData($"generated ({rows} rows, task correlation 0.8)", tasks.Features, targets, ["Task 1", "Task 2", "Mean"]);
    }

    public static int[][] Folds(int rows, int folds, int seed)
    {
        var order = Enumerable.Range(0, rows).ToArray();
        new Random(seed).Shuffle(order);
        return Enumerable.Range(0, folds).Select(f => order.Where((_, i) => i % folds == f).ToArray()).ToArray();
    }
}
