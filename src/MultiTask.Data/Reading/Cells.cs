using System;
using System.Globalization;

namespace MultiTask.Data.Reading
{
    /// <summary>What a text cell means: missing (empty, NA, NaN, null), a number, or text.</summary>
    internal static class Cells
    {
        public static bool IsMissing(ReadOnlySpan<char> cell)
        {
            var trimmed = cell.Trim();
            return trimmed.Length == 0
                || trimmed.Equals("NA", StringComparison.OrdinalIgnoreCase)
                || trimmed.Equals("NaN", StringComparison.OrdinalIgnoreCase)
                || trimmed.Equals("null", StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>A finite number, or true/false as 1/0.</summary>
        public static bool TryNumber(ReadOnlySpan<char> cell, out double value)
        {
            var trimmed = cell.Trim();
            if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
            {
                return double.IsFinite(value);
            }

            if (trimmed.Equals("true", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("false", StringComparison.OrdinalIgnoreCase))
            {
                value = trimmed.Length == 4 ? 1 : 0;
                return true;
            }

            return false;
        }

        public static string ColumnNumber(int index) => (index + 1).ToString(CultureInfo.InvariantCulture);
    }
}
