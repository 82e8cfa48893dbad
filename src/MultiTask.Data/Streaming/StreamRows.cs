using System;

namespace MultiTask.Data
{
    /// <summary>One part of a <see cref="StreamSplit"/>: the rows whose draw falls in its interval of [0, 1).</summary>
    public sealed class StreamRows
    {
        private readonly StreamSplit split;
        private readonly double from;
        private readonly double to;

        internal StreamRows(StreamSplit split, string name, double from, double to)
        {
            this.split = split;
            Name = name;
            this.from = from;
            this.to = to;
        }

        /// <summary>The part's name: train, validation or test.</summary>
        public string Name { get; }

        /// <summary>Whether zero-based data row <paramref name="row"/> is in this part.</summary>
        public bool Contains(long row)
        {
            var draw = split.Draw(row);
            return draw >= from && draw < to;
        }

        /// <inheritdoc />
        public override string ToString() => FormattableString.Invariant($"{Name} ({(to - from) * 100:0.##}% of the rows, seed {split.Seed})");
    }
}
