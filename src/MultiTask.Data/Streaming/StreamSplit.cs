using System;

namespace MultiTask.Data
{
    /// <summary>
    /// A seeded train/validation/test split of a file that is streamed, not loaded: each data row belongs to one part by a hash
    /// of the seed and its index in the file (0 for the first data row), so the parts are disjoint and together the whole file,
    /// and every pass and every run with the same seed puts each row in the same part, without holding any row. Each part's
    /// share of the rows is close to its fraction (each row is drawn on its own, so not exact: within a few standard deviations
    /// of a binomial draw), and it is not stratified. Pass a part to <see cref="TableFile.FitPreparation"/> and to
    /// <see cref="TableFile.Stream{TBatch}(ColumnMap{TBatch}, DataPreparation, int, int, int, int, long, StreamRows)"/> (or the
    /// Stream of a model with input fields).
    /// </summary>
    public sealed class StreamSplit
    {
        /// <summary>A split with the fractions <paramref name="validation"/> and <paramref name="test"/> of the rows, drawn from <paramref name="seed"/>.</summary>
        public StreamSplit(double validation, double test, int seed = 0)
        {
            if (!(validation >= 0) || !(test >= 0) || !(validation + test < 1))
            {
                throw new ArgumentOutOfRangeException(nameof(validation), $"The validation ({validation}) and test ({test}) fractions must be at least 0 and together below 1.");
            }

            ValidationFraction = validation;
            TestFraction = test;
            Seed = seed;
            Train = new StreamRows(this, "train", validation + test, 1);
            Validation = new StreamRows(this, "validation", test, test + validation);
            Test = new StreamRows(this, "test", 0, test);
        }

        /// <summary>The validation part's expected share of the rows.</summary>
        public double ValidationFraction { get; }

        /// <summary>The test part's expected share of the rows.</summary>
        public double TestFraction { get; }

        /// <summary>The seed of the rows' draws.</summary>
        public int Seed { get; }

        /// <summary>The training rows (the rest).</summary>
        public StreamRows Train { get; }

        /// <summary>The validation rows.</summary>
        public StreamRows Validation { get; }

        /// <summary>The test rows.</summary>
        public StreamRows Test { get; }

        /// <summary>Row <paramref name="row"/>'s draw in [0, 1): SplitMix64's finalizer over the seed and the row index, so it is the same on every machine.</summary>
        internal double Draw(long row)
        {
            var z = unchecked(((ulong)(uint)Seed * 0x9E3779B97F4A7C15UL) ^ ((ulong)row + 0x632BE59BD9B4E019UL));
            z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
            z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
            z ^= z >> 31;
            return (z >> 11) * (1.0 / (1UL << 53));
        }
    }
}
