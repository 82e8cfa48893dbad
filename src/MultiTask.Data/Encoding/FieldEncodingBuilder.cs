using System;
using System.Collections.Generic;
using System.Linq;

namespace MultiTask.Data.Encoding
{
    /// <summary>
    /// Watches one categorical or token-sequence field's cells and decides how to read them: a categorical column of numbers holds
    /// ids, any other holds names (hashed, or a vocabulary in frequency order); a text column's vocabulary is its most frequent words.
    /// </summary>
    internal sealed class FieldEncodingBuilder
    {
        private readonly CellPart part;
        private readonly string file;
        private readonly bool countNames;
        private readonly CellEncoder splitter;
        private readonly Dictionary<string, long> counts = new(StringComparer.Ordinal);
        private bool allNumbers = true;
        private bool moreNames;

        /// <param name="part">The field.</param>
        /// <param name="file">The rows' source, for messages.</param>
        /// <param name="known">The rows' kind of values when already decided (by the read), else null: decide it from the cells.</param>
        /// <param name="countNames">Learn the vocabulary (else only the kind).</param>
        public FieldEncodingBuilder(CellPart part, string file, FieldValues? known, bool countNames)
        {
            this.part = part;
            this.file = file;
            this.countNames = countNames;
            allNumbers = known is null or FieldValues.Ids;
            splitter = new CellEncoder(part.Template);
        }

        public void Observe(ReadOnlySpan<string?> cells)
        {
            if (part.IsText && !countNames)
            {
                return;
            }

            foreach (var cell in cells)
            {
                if (cell is null)
                {
                    continue;
                }

                foreach (var value in part.IsText ? Words.Of(cell) : splitter.Values(cell))
                {
                    allNumbers &= part.IsText || CellEncoder.IsNumber(value, out _);
                    if (!countNames || part.Hashed)
                    {
                        continue;
                    }

                    // Numbers count too: a column turns out to hold names only at its first name. A categorical column with more
                    // names than its vocabulary is an error, so counting stops one name past it.
                    if (counts.TryGetValue(value, out var count))
                    {
                        counts[value] = count + 1;
                    }
                    else if (part.IsText || counts.Count <= part.Vocabulary)
                    {
                        counts[value] = 1;
                    }
                    else
                    {
                        moreNames = true;
                    }
                }
            }
        }

        public FieldEncoding Build()
        {
            var template = part.Template;
            if (part.IsText)
            {
                return template with { Vocabulary = countNames ? Frequent(counts, part.Vocabulary - 2) : null };
            }

            if (allNumbers)
            {
                return template with { Values = FieldValues.Ids };
            }

            if (part.Hashed)
            {
                return template with { Values = FieldValues.HashedNames };
            }

            if (counts.Count > part.Vocabulary)
            {
                throw new DataFileException(file, $"field '{part.Name}' has a vocabulary of {part.Vocabulary}, but its column holds {counts.Count}{(moreNames ? " or more" : string.Empty)} distinct names; raise its Vocabulary or hash them (HashBuckets)", column: part.ColumnName);
            }

            return template with { Values = FieldValues.Names, Vocabulary = countNames ? Frequent(counts, part.Vocabulary) : null };
        }

        /// <summary>The <paramref name="most"/> most frequent names, most frequent first, ties in ordinal order.</summary>
        private static string[] Frequent(Dictionary<string, long> counts, long most)
            => counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take((int)Math.Min(most, int.MaxValue)).Select(c => c.Key).ToArray();
    }
}
