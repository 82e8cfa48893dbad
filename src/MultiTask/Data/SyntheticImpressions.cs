using System;
using System.Linq;

namespace MultiTask
{
    /// <summary>
    /// Ad impressions for click-through (CTR) and conversion (CVR) prediction: a click is observed on every impression,
    /// a conversion only after a click. Both depend on the features through two related scores made by
    /// <see cref="SyntheticTasks.Regression"/> with the given correlation, so the tasks share structure as real
    /// CTR/CVR tasks do. Whether an impression would convert if clicked is drawn for every impression
    /// (<see cref="ImpressionData.WouldConvert"/>), which real data never shows, so a CVR model can be judged on the entire
    /// impression space and not only on the clicked rows it was trained on (ESMM's point).
    /// </summary>
    public static class SyntheticImpressions
    {
        /// <summary>Makes <paramref name="rows"/> impressions.</summary>
        /// <param name="rows">Number of impressions.</param>
        /// <param name="correlation">Correlation of the click and conversion scores' linear parts, in [-1, 1].</param>
        /// <param name="clickRate">Share of impressions that are clicked, in (0, 1).</param>
        /// <param name="conversionRate">Share of clicks that convert, in (0, 1).</param>
        /// <param name="dimension">Width of the feature rows.</param>
        /// <param name="seed">Seed of every random draw.</param>
        /// <param name="sharpness">How strongly the scores decide the outcomes (the logit's slope per standard deviation).</param>
        public static ImpressionData Make(int rows, double correlation = 0.7, double clickRate = 0.2, double conversionRate = 0.25, int dimension = 32, int seed = 0, double sharpness = 2.5)
        {
            ValidateRates(clickRate, conversionRate);
            var scores = SyntheticTasks.Regression(rows, correlation, dimension, seed);
            var clickScore = Standardize(scores.Task1.Select(v => (double)v).ToArray());
            var conversionScore = Standardize(scores.Task2.Select(v => (double)v).ToArray());
            return Draw(scores.Features, clickScore, conversionScore, clickRate, conversionRate, sharpness, new Random(unchecked(seed * 31 + 7)));
        }

        internal static void ValidateRates(double clickRate, double conversionRate)
        {
            if (!(clickRate > 0 && clickRate < 1))
            {
                throw new ArgumentOutOfRangeException(nameof(clickRate), clickRate, "The click rate must be in (0, 1).");
            }

            if (!(conversionRate > 0 && conversionRate < 1))
            {
                throw new ArgumentOutOfRangeException(nameof(conversionRate), conversionRate, "The conversion rate must be in (0, 1).");
            }
        }

        /// <summary>
        /// Clicks and conversions drawn from standardized scores: biases found so that the rates come out as asked, then
        /// <c>click ~ Bernoulli(sigmoid(sharpness * clickScore + b))</c> and, for every row, <c>wouldConvert ~
        /// Bernoulli(sigmoid(sharpness * conversionScore + b'))</c>, observed only after a click.
        /// </summary>
        internal static ImpressionData Draw(float[,] features, double[] clickScore, double[] conversionScore, double clickRate, double conversionRate, double sharpness, Random random)
        {
            var rows = clickScore.Length;
            var clickBias = BiasFor(clickScore, sharpness, clickRate);
            var clicked = new bool[rows];
            for (var r = 0; r < rows; r++)
            {
                clicked[r] = random.NextDouble() < Sigmoid(sharpness * clickScore[r] + clickBias);
            }

            var conversionBias = BiasFor(conversionScore.Where((_, r) => clicked[r]).ToArray(), sharpness, conversionRate);
            var wouldConvert = new bool[rows];
            var converted = new bool[rows];
            for (var r = 0; r < rows; r++)
            {
                // Drawn for every row so a row's outcome does not depend on the others; observed only after a click.
                wouldConvert[r] = random.NextDouble() < Sigmoid(sharpness * conversionScore[r] + conversionBias);
                converted[r] = clicked[r] && wouldConvert[r];
            }

            return new ImpressionData(features, clicked, converted, wouldConvert);
        }

        /// <summary>The values shifted and scaled to mean 0 and standard deviation 1 (all zeros when they are constant).</summary>
        internal static double[] Standardize(double[] values)
        {
            if (values.Length == 0)
            {
                return [];
            }

            var mean = values.Average();
            var sd = Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
            return values.Select(v => sd > 0 ? (v - mean) / sd : 0).ToArray();
        }

        /// <summary>The bias b for which the mean of sigmoid(slope * score + b) is <paramref name="rate"/> (bisection).</summary>
        private static double BiasFor(double[] scores, double slope, double rate)
        {
            if (scores.Length == 0)
            {
                return 0;
            }

            double low = -30, high = 30;
            for (var i = 0; i < 60; i++)
            {
                var middle = (low + high) / 2;
                if (scores.Average(s => Sigmoid(slope * s + middle)) < rate)
                {
                    low = middle;
                }
                else
                {
                    high = middle;
                }
            }

            return (low + high) / 2;
        }

        private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
    }

    /// <summary>Impressions made by <see cref="SyntheticImpressions.Make"/>.</summary>
    /// <param name="Features">[rows, dimension] feature rows.</param>
    /// <param name="Clicked">Whether each impression was clicked (every row has this label).</param>
    /// <param name="Converted">
    /// Whether each impression was clicked and converted; false for every row that was not clicked. Unmasked, it is ESMM's
    /// click-and-conversion (CTCVR) label over the entire impression space; masked by <see cref="ImpressionData.ConversionObserved"/>,
    /// it is the conversion label of the clicked rows.
    /// </param>
    /// <param name="WouldConvert">
    /// Whether each impression would convert if it were clicked (p(conversion | click, features) drawn for every row; equal to
    /// <paramref name="Converted"/> on the clicked rows). Only synthetic data has it: the ground truth for a CVR model on every impression.
    /// </param>
    public sealed record ImpressionData(float[,] Features, bool[] Clicked, bool[] Converted, bool[] WouldConvert)
    {
        /// <summary>Number of impressions.</summary>
        public int Rows => Clicked.Length;

        /// <summary>
        /// Where the conversion label is observed: the clicked rows. Use it as the CVR task's mask (ESMM's loss reads that
        /// target as click AND conversion on every row; see <see cref="EntireSpaceLoss"/>).
        /// </summary>
        public bool[] ConversionObserved => Clicked;
    }
}
