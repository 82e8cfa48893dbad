using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace MultiTask.Data.Encoding
{
    /// <summary>Turns one cell of a categorical or token-sequence field into its <see cref="FieldEncoding.Width"/> ids, as its <see cref="FieldEncoding"/> says.</summary>
    internal sealed class CellEncoder
    {
        private readonly FieldEncoding encoding;
        private readonly Dictionary<string, long> ids;

        public CellEncoder(FieldEncoding encoding)
        {
            this.encoding = encoding;
            var first = encoding.Values == FieldValues.Words ? 2 : 0;
            ids = (encoding.Vocabulary ?? []).Select((name, i) => (name, i)).ToDictionary(p => p.name, p => (long)(p.i + first), StringComparer.Ordinal);
        }

        public FieldEncoding Encoding => encoding;

        /// <summary>Writes the cell's ids into <paramref name="into"/> (<see cref="FieldEncoding.Width"/> of them); returns the problem of a bad cell, else null.</summary>
        public string? Encode(string? cell, Span<long> into)
        {
            if (encoding.Values == FieldValues.Words)
            {
                into.Clear();
                var position = 0;
                foreach (var word in Words.Of(cell))
                {
                    if (position == into.Length)
                    {
                        break;
                    }

                    into[position++] = ids.TryGetValue(word, out var id) ? id : encoding.Unknown;
                }

                return null;
            }

            into.Fill(-1);
            if (cell is null)
            {
                return encoding.Width == 1 ? "no value, and a categorical field with one value per row cannot be missing" : null;
            }

            var count = 0;
            foreach (var value in Values(cell))
            {
                if (count == into.Length)
                {
                    return $"'{cell}' holds {Values(cell).Count()} values, but the field takes at most {encoding.Width}";
                }

                if (Id(value) is not { } id)
                {
                    return $"'{value}' is not an id (a whole number)";
                }

                into[count++] = id;
            }

            return count == 0 && encoding.Width == 1 ? "no value, and a categorical field with one value per row cannot be missing" : null;
        }

        /// <summary>The values of a cell: split at the separator (empty pieces skipped), each trimmed.</summary>
        public IEnumerable<string> Values(string cell)
            => encoding.Separator is { } separator
                ? cell.Split(separator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                : cell.Trim() is { Length: > 0 } value ? [value] : [];

        /// <summary>Whether <paramref name="value"/> is a finite number (a column of them holds ids).</summary>
        public static bool IsNumber(string value, out double number)
            => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);

        private long? Id(string value) => encoding.Values switch
        {
            FieldValues.Ids => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) ? id
                : IsNumber(value, out var number) && number == Math.Floor(number) && Math.Abs(number) < 1e15 ? (long)number : null,
            FieldValues.HashedNames => Fnv1a.Hash(value),
            _ => ids.TryGetValue(value, out var known) ? known : encoding.Unknown,
        };
    }
}
