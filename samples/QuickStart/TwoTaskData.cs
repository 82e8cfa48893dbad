using System;
using System.Linq;

namespace QuickStart;

/// <summary>Rows of 64 features with a 10-class label and a binary label each.</summary>
internal sealed record TwoTaskData(string Description, float[,] Features, long[] Categories, bool[] Flags)
{
    public int Rows => Categories.Length;

    /// <summary>Shuffles the rows with <paramref name="seed"/> and cuts them into train, validation and test parts.</summary>
    public (TwoTaskData Train, TwoTaskData Validation, TwoTaskData Test) Split(double trainFraction, double validationFraction, int seed)
    {
        var order = Enumerable.Range(0, Rows).ToArray();
        new Random(seed).Shuffle(order);
        var trainRows = (int)(Rows * trainFraction);
        var validationRows = (int)(Rows * validationFraction);
        return (Take(order[..trainRows]), Take(order[trainRows..(trainRows + validationRows)]), Take(order[(trainRows + validationRows)..]));
    }

    private TwoTaskData Take(int[] rows)
    {
        var width = Features.GetLength(1);
        var features = new float[rows.Length, width];
        for (var r = 0; r < rows.Length; r++)
            for (var c = 0; c < width; c++)
                features[r, c] = Features[rows[r], c];
        return this with { Features = features, Categories = rows.Select(r => Categories[r]).ToArray(), Flags = rows.Select(r => Flags[r]).ToArray() };
    }
}
