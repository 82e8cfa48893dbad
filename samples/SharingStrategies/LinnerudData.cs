using System;
using System.Globalization;
using System.IO;
using System.Linq;

namespace SharingStrategies;

/// <summary>
/// Reads the Linnerud data (scikit-learn): linnerud_exercise.csv (Chins Situps Jumps) and linnerud_physiological.csv
/// (Weight Waist Pulse), space separated with one header line each.
/// </summary>
internal static class LinnerudData
{
    public static RegressionData Load(string directory)
    {
        var (inputNames, inputs) = Read(Path.Combine(directory, "linnerud_exercise.csv"));
        var (targetNames, targets) = Read(Path.Combine(directory, "linnerud_physiological.csv"));
        if (inputs.GetLength(0) != targets.GetLength(0))
            throw new InvalidDataException($"{directory}: the exercise file has {inputs.GetLength(0)} rows, the physiological file {targets.GetLength(0)}.");
        if (targetNames.Length != 3)
            throw new InvalidDataException($"{directory}: expected 3 physiological columns, found {targetNames.Length}.");
        return new RegressionData($"Linnerud ({string.Join(", ", inputNames)} -> {string.Join(", ", targetNames)}; {inputs.GetLength(0)} men)",
            inputs, targets, targetNames);
    }

    private static (string[] Header, float[,] Values) Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: not found (pass the folder holding the Linnerud files, e.g. ../shared/data).", path);
        var lines = File.ReadAllLines(path);
        if (lines.Length < 2) throw new InvalidDataException($"{path}: expected a header line and at least one row.");
        var header = Split(lines[0]);
        var rows = lines.Skip(1).Select((line, i) => (Cells: Split(line), Line: i + 2)).Where(row => row.Cells.Length > 0).ToArray();
        var values = new float[rows.Length, header.Length];
        foreach (var (row, r) in rows.Select((row, r) => (row, r)))
        {
            if (row.Cells.Length != header.Length)
                throw new InvalidDataException($"{path}, line {row.Line}: expected {header.Length} values, found {row.Cells.Length}.");
            for (var c = 0; c < header.Length; c++)
                values[r, c] = float.TryParse(row.Cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && float.IsFinite(v)
                    ? v
                    : throw new InvalidDataException($"{path}, line {row.Line}, column {c + 1} ({header[c]}): '{row.Cells[c]}' is not a number.");
        }
        return (header, values);
    }

    private static string[] Split(string line) => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
}
