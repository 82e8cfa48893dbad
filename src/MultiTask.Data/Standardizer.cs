using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Data
{
    /// <summary>
    /// Input standardization: <c>(x - Mean) / Scale</c> per feature column, with the population standard deviation as the
    /// scale (1 for a constant column), fitted on the training rows only.
    /// </summary>
    public sealed class Standardizer
    {
        /// <summary>A standardizer with these per-column means and scales.</summary>
        public Standardizer(IReadOnlyList<float> mean, IReadOnlyList<float> scale)
        {
            ArgumentNullException.ThrowIfNull(mean);
            ArgumentNullException.ThrowIfNull(scale);
            if (mean.Count != scale.Count || scale.Any(s => !(s > 0) || !float.IsFinite(s)))
            {
                throw new ArgumentException("Give as many means as scales, every scale positive and finite.", nameof(scale));
            }

            Mean = mean.ToArray();
            Scale = scale.ToArray();
        }

        /// <summary>Per feature column, the training mean.</summary>
        public IReadOnlyList<float> Mean { get; }

        /// <summary>Per feature column, the training standard deviation (1 for a constant column).</summary>
        public IReadOnlyList<float> Scale { get; }

        /// <summary>Standardizes row-major features <c>[N, Mean.Count]</c> in place.</summary>
        public void Apply(Span<float> features) => Apply(features, Mean.Count, 0);

        /// <summary>
        /// Standardizes rows of <paramref name="rowWidth"/> values in place, value c of a row being column
        /// <paramref name="first"/> + c (columns past <see cref="Mean"/>'s are left as they are).
        /// </summary>
        internal void Apply(Span<float> rows, int rowWidth, int first)
        {
            var width = Math.Min(rowWidth, Mean.Count - first);
            for (var start = 0; start + rowWidth <= rows.Length; start += rowWidth)
            {
                for (var c = 0; c < width; c++)
                {
                    rows[start + c] = (rows[start + c] - Mean[first + c]) / Scale[first + c];
                }
            }
        }

        /// <summary>Standardized copy of <paramref name="input"/> <c>[N, Mean.Count]</c>, on its device (for <c>Predict</c> on new rows).</summary>
        public Tensor Apply(Tensor input)
        {
            ArgumentNullException.ThrowIfNull(input);
            using var mean = torch.tensor(Mean.ToArray(), device: input.device);
            using var scale = torch.tensor(Scale.ToArray(), device: input.device);
            using var centred = input.sub(mean);
            return centred.div(scale);
        }

        /// <summary>Accumulates column means and variances row by row (Welford), so a file can be fitted while it streams.</summary>
        internal sealed class Fit
        {
            private readonly double[] mean;
            private readonly double[] squares;
            private long rows;

            public Fit(int width)
            {
                mean = new double[width];
                squares = new double[width];
            }

            public void Add(ReadOnlySpan<float> features) => Add(features, mean.Length);

            /// <summary>Adds the first columns of each row of <paramref name="rowWidth"/> values (at least as many as fitted).</summary>
            public void Add(ReadOnlySpan<float> features, int rowWidth)
            {
                var width = mean.Length;
                for (var start = 0; start + rowWidth <= features.Length && rowWidth > 0; start += rowWidth)
                {
                    rows++;
                    for (var c = 0; c < width; c++)
                    {
                        double x = features[start + c], delta = x - mean[c];
                        mean[c] += delta / rows;
                        squares[c] += delta * (x - mean[c]);
                    }
                }
            }

            public Standardizer Build()
            {
                if (rows == 0)
                {
                    throw new InvalidOperationException("Cannot fit a standardizer on no rows.");
                }

                var scale = squares.Select(s => Math.Sqrt(s / rows)).Select(s => s > 1e-12 ? (float)s : 1f).ToArray();
                return new Standardizer(mean.Select(m => (float)m).ToArray(), scale);
            }
        }
    }
}
