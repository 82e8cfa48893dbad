using System;
using System.Collections.Generic;
using System.Linq;

namespace MultiTask.Data
{
    /// <summary>Seeded train/validation/test row indices, optionally the same fractions of every stratum.</summary>
    internal static class RowSplit
    {
        public static (int[] Train, int[] Validation, int[] Test) Split(int rows, double validation, double test, int seed, long[]? strata)
        {
            if (!(validation >= 0) || !(test >= 0) || !(validation + test < 1))
            {
                throw new ArgumentOutOfRangeException(nameof(validation), $"The validation ({validation}) and test ({test}) fractions must be at least 0 and together below 1.");
            }

            var random = new Random(seed);
            var groups = strata is null
                ? [Enumerable.Range(0, rows).ToArray()]
                : Enumerable.Range(0, rows).GroupBy(r => strata[r]).OrderBy(g => g.Key).Select(g => g.ToArray()).ToList();
            List<int> train = [], validate = [], testRows = [];
            foreach (var group in groups)
            {
                random.Shuffle(group);
                var testCount = (int)Math.Round(group.Length * test);
                var validationCount = (int)Math.Round(group.Length * validation);
                testRows.AddRange(group.Take(testCount));
                validate.AddRange(group.Skip(testCount).Take(validationCount));
                train.AddRange(group.Skip(testCount + validationCount));
            }

            return (Sorted(train), Sorted(validate), Sorted(testRows));
        }

        private static int[] Sorted(List<int> rows)
        {
            rows.Sort();
            return rows.ToArray();
        }
    }
}
