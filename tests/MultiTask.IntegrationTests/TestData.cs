using System;
using static TorchSharp.torch;

namespace MultiTask.IntegrationTests;

/// <summary>Small learnable problems, made from a seed.</summary>
internal static class TestData
{
    /// <summary>
    /// Rows of 8 features; the category is which of the first three features is largest, the flag whether feature 3 is positive.
    /// </summary>
    public static (Tensor Input, TwoTaskModel.Targets Targets) TwoTask(int rows, int seed, bool[]? categoryMask = null)
    {
        var random = new Random(seed);
        var input = new float[rows, 8];
        var category = new long[rows];
        var flag = new bool[rows];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < 8; c++) input[r, c] = (float)(random.NextDouble() * 2 - 1);
            category[r] = input[r, 0] >= input[r, 1] ? (input[r, 0] >= input[r, 2] ? 0 : 2) : (input[r, 1] >= input[r, 2] ? 1 : 2);
            flag[r] = input[r, 3] > 0;
        }
        return (tensor(input), new TwoTaskModel.Targets(TaskTarget.Classes(category, categoryMask), TaskTarget.Binary(flag)));
    }

    public static TwoTaskModel NewTwoTaskModel(int seed)
    {
        manual_seed(seed);
        return new TwoTaskModel();
    }
}
