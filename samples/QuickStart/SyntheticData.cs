using MultiTask;

namespace QuickStart;

/// <summary>The quick start's default data: two related synthetic tasks from the library (the MMoE paper's procedure).</summary>
internal static class SyntheticData
{
    private const double Correlation = 0.8;

    public static TwoTaskData Make(int rows, int seed)
    {
        var tasks = SyntheticTasks.Classification(rows, Correlation, classes: 10, dimension: 64, seed: seed);
        return new TwoTaskData(
            $"synthetic (task correlation {Correlation}), Category = task 1 in 10 quantile bins, Flag = task 2 above its median",
            tasks.Features, tasks.Classes, tasks.Labels);
    }
}
