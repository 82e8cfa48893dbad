using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;

namespace Samples.Shared;

/// <summary>
/// Reads the UCI optical digits set as shipped in scikit-learn: 64 pixel counts (0..16) then the digit, no header,
/// optionally gzip-compressed. Pixels are scaled to [0, 1]. A bad cell is an error naming the file, line and column.
/// </summary>
internal static class DigitsFile
{
    public static (float[,] Pixels, long[] Digits) Read(string path)
    {
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream);

        var rows = new List<float[]>();
        var digits = new List<long>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            var cells = line.Split(',');
            if (cells.Length != 65)
                throw new InvalidDataException($"{path}, line {lineNumber}: expected 65 comma-separated values (64 pixels and the digit), found {cells.Length}.");
            var pixels = new float[64];
            for (var c = 0; c < 64; c++)
                pixels[c] = Parse(cells[c], path, lineNumber, c + 1) / 16f;
            var digit = Parse(cells[64], path, lineNumber, 65);
            if (digit is < 0 or > 9 || digit != Math.Floor(digit))
                throw new InvalidDataException($"{path}, line {lineNumber}, column 65: the digit must be a whole number 0..9, found '{cells[64]}'.");
            rows.Add(pixels);
            digits.Add((long)digit);
        }
        if (rows.Count == 0) throw new InvalidDataException($"{path}: no rows.");

        var features = new float[rows.Count, 64];
        for (var r = 0; r < rows.Count; r++)
            for (var c = 0; c < 64; c++) features[r, c] = rows[r][c];
        return (features, digits.ToArray());
    }

    private static float Parse(string cell, string path, int line, int column) =>
        float.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && float.IsFinite(value)
            ? value
            : throw new InvalidDataException($"{path}, line {line}, column {column}: '{cell}' is not a number.");
}
