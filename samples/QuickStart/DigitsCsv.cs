using System;
using Samples.Shared;

namespace QuickStart;

/// <summary>The digits file (<see cref="DigitsFile"/>) as the quick start's two tasks: which digit, and whether it is even.</summary>
internal static class DigitsCsv
{
    public static TwoTaskData Load(string path)
    {
        var (features, digits) = DigitsFile.Read(path);
        return new TwoTaskData("digits (UCI), Category = which digit, Flag = is it even", features, digits, Array.ConvertAll(digits, d => d % 2 == 0));
    }
}
