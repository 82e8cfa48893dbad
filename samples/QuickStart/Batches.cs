using System.Collections.Generic;
using MultiTask;
using static TorchSharp.torch;

namespace QuickStart;

/// <summary>Batches of the three models from one data split.</summary>
internal static class Batches
{
    private const int BatchSize = 64;

    public static IEnumerable<QuickStartModel.Batch> ForQuickStart(TwoTaskData data, bool shuffle) =>
        QuickStartModel.Batch.From(tensor(data.Features),
            new QuickStartModel.Targets(TaskTarget.Classes(data.Categories), TaskTarget.Binary(data.Flags)), BatchSize, shuffle, seed: 2);

    public static IEnumerable<CategoryOnlyModel.Batch> ForCategory(TwoTaskData data, bool shuffle) =>
        CategoryOnlyModel.Batch.From(tensor(data.Features), new CategoryOnlyModel.Targets(TaskTarget.Classes(data.Categories)), BatchSize, shuffle, seed: 2);

    public static IEnumerable<FlagOnlyModel.Batch> ForFlag(TwoTaskData data, bool shuffle) =>
        FlagOnlyModel.Batch.From(tensor(data.Features), new FlagOnlyModel.Targets(TaskTarget.Binary(data.Flags)), BatchSize, shuffle, seed: 2);
}
