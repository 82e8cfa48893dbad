using System;
using System.Globalization;

namespace QuickStart;

internal sealed record QuickStartArguments(string? DigitsPath, int Epochs, int Rows, string Output)
{
    private const string Usage = "usage: QuickStart [--digits PATH] [--epochs N] [--rows N] [--output DIR]";

    public static QuickStartArguments? Parse(string[] args)
    {
        var parsed = new QuickStartArguments(DigitsPath: null, Epochs: 30, Rows: 12000, Output: "quickstart-output");
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--digits" when value is not null: parsed = parsed with { DigitsPath = value }; i++; break;
                case "--epochs" when PositiveInt(value) is { } epochs: parsed = parsed with { Epochs = epochs }; i++; break;
                case "--rows" when PositiveInt(value) is { } rows: parsed = parsed with { Rows = rows }; i++; break;
                case "--output" when !string.IsNullOrEmpty(value): parsed = parsed with { Output = value }; i++; break;
                default:
                    Console.Error.WriteLine($"unexpected argument '{args[i]}'{(value is null ? "" : $" '{value}'")}; {Usage}");
                    return null;
            }
        }
        return parsed;
    }

    private static int? PositiveInt(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
}
