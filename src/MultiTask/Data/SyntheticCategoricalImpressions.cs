using System;
using System.Linq;

namespace MultiTask
{
    /// <summary>
    /// Ad impressions with categorical user, item and context ids beside <see cref="SyntheticImpressions"/>'s dense features,
    /// for embedding models. Every user, item and context has a hidden vector of k = <c>hiddenDimension</c> entries drawn from
    /// <c>N(0, 1/sqrt(k))</c> (so a dot product of two has variance 1), and every user and item a hidden bias from <c>N(0, 1)</c>.
    /// A row's id score for a task is <c>(user . item_t + context . item_t + userBias + itemBias_t) / 2 + noise * N(0, 1)</c>: the
    /// user's and the context's vectors and the user's bias are the same for both tasks; the item's conversion vector and bias
    /// are <c>correlation * its click ones + sqrt(1 - correlation^2) * independent ones</c>, so the two id scores correlate by
    /// about <c>correlation</c>. Each task's score is <c>sqrt(idShare) * z(id score) + sqrt(1 - idShare) * z(dense score)</c>
    /// (z: standardized; the dense score is <see cref="SyntheticTasks.Regression"/>'s, as in <see cref="SyntheticImpressions"/>),
    /// and clicks and conversions are drawn from it as there. Users and items are drawn by a Zipf law of exponent
    /// <c>popularity</c> (ids shuffled, so an id's number says nothing of how often it appears), contexts uniformly.
    /// </summary>
    public static class SyntheticCategoricalImpressions
    {
        /// <summary>Makes <paramref name="rows"/> impressions.</summary>
        /// <param name="rows">Number of impressions.</param>
        /// <param name="users">User ids, <c>[0, users)</c>.</param>
        /// <param name="items">Item ids, <c>[0, items)</c>.</param>
        /// <param name="contexts">Context ids (e.g. the page or the hour), <c>[0, contexts)</c>.</param>
        /// <param name="idShare">Share of each score's variance that comes from the ids, in [0, 1]; the rest comes from the dense features.</param>
        /// <param name="correlation">Correlation of the click and conversion scores (id and dense parts alike), in [-1, 1].</param>
        /// <param name="clickRate">Share of impressions that are clicked, in (0, 1).</param>
        /// <param name="conversionRate">Share of clicks that convert, in (0, 1).</param>
        /// <param name="dimension">Width of the dense feature rows.</param>
        /// <param name="hiddenDimension">k, the length of the hidden id vectors.</param>
        /// <param name="popularity">Exponent of the Zipf law users and items are drawn by (0: uniform).</param>
        /// <param name="noise">Standard deviation of the Gaussian noise added to the id scores (whose signal has variance about 1).</param>
        /// <param name="seed">Seed of every random draw.</param>
        /// <param name="sharpness">How strongly the scores decide the outcomes (the logit's slope per standard deviation).</param>
        public static CategoricalImpressionData Make(
            int rows, int users = 10_000, int items = 10_000, int contexts = 8, double idShare = 0.7, double correlation = 0.6,
            double clickRate = 0.2, double conversionRate = 0.25, int dimension = 16, int hiddenDimension = 8, double popularity = 1.1,
            double noise = 0.5, int seed = 0, double sharpness = 2.5)
        {
            SyntheticImpressions.ValidateRates(clickRate, conversionRate);
            if (users < 1 || items < 1 || contexts < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(users), $"Users ({users}), items ({items}) and contexts ({contexts}) must be positive.");
            }

            if (!(idShare >= 0 && idShare <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(idShare), idShare, "The id share must be in [0, 1].");
            }

            if (hiddenDimension < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(hiddenDimension), hiddenDimension, "The hidden dimension must be positive.");
            }

            var random = new Random(seed);
            var entryDeviation = Math.Pow(hiddenDimension, -0.25);
            var userVectors = Gaussian(random, users, hiddenDimension, entryDeviation);
            var contextVectors = Gaussian(random, contexts, hiddenDimension, entryDeviation);
            var clickItems = Gaussian(random, items, hiddenDimension, entryDeviation);
            var conversionItems = Correlated(clickItems, Gaussian(random, items, hiddenDimension, entryDeviation), correlation);
            var userBias = Gaussian(random, users, 1, 1);
            var clickItemBias = Gaussian(random, items, 1, 1);
            var conversionItemBias = Correlated(clickItemBias, Gaussian(random, items, 1, 1), correlation);

            var userIds = DrawIds(random, rows, new ZipfSampler(users, popularity, random));
            var itemIds = DrawIds(random, rows, new ZipfSampler(items, popularity, random));
            var contextIds = Enumerable.Range(0, rows).Select(_ => (long)random.Next(contexts)).ToArray();

            double IdScore(double[,] itemVectors, double[,] itemBias, int r)
            {
                long user = userIds[r], item = itemIds[r], context = contextIds[r];
                var score = userBias[user, 0] + itemBias[item, 0];
                for (var j = 0; j < hiddenDimension; j++)
                {
                    score += (userVectors[user, j] + contextVectors[context, j]) * itemVectors[item, j];
                }

                return score / 2 + noise * NextGaussian(random);
            }

            var clickIdScore = SyntheticImpressions.Standardize(Enumerable.Range(0, rows).Select(r => IdScore(clickItems, clickItemBias, r)).ToArray());
            var conversionIdScore = SyntheticImpressions.Standardize(Enumerable.Range(0, rows).Select(r => IdScore(conversionItems, conversionItemBias, r)).ToArray());
            var dense = SyntheticTasks.Regression(rows, correlation, dimension, seed);
            var clickScore = Mix(clickIdScore, SyntheticImpressions.Standardize(dense.Task1.Select(v => (double)v).ToArray()), idShare);
            var conversionScore = Mix(conversionIdScore, SyntheticImpressions.Standardize(dense.Task2.Select(v => (double)v).ToArray()), idShare);
            var impressions = SyntheticImpressions.Draw(dense.Features, clickScore, conversionScore, clickRate, conversionRate, sharpness, random);
            return new CategoricalImpressionData(userIds, itemIds, contextIds, impressions, users, items, contexts);
        }

        private static double[] Mix(double[] idScore, double[] denseScore, double idShare)
        {
            var (a, b) = (Math.Sqrt(idShare), Math.Sqrt(1 - idShare));
            return idScore.Select((s, r) => a * s + b * denseScore[r]).ToArray();
        }

        private static double[,] Gaussian(Random random, int rows, int columns, double deviation)
        {
            var values = new double[rows, columns];
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < columns; c++)
                {
                    values[r, c] = deviation * NextGaussian(random);
                }
            }

            return values;
        }

        private static double[,] Correlated(double[,] first, double[,] independent, double correlation)
        {
            var rest = Math.Sqrt(1 - correlation * correlation);
            var values = new double[first.GetLength(0), first.GetLength(1)];
            for (var r = 0; r < values.GetLength(0); r++)
            {
                for (var c = 0; c < values.GetLength(1); c++)
                {
                    values[r, c] = correlation * first[r, c] + rest * independent[r, c];
                }
            }

            return values;
        }

        private static long[] DrawIds(Random random, int rows, ZipfSampler sampler) => Enumerable.Range(0, rows).Select(_ => sampler.Next(random)).ToArray();

        // Box-Muller.
        internal static double NextGaussian(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

        /// <summary>Ids drawn with probability proportional to <c>1 / (rank + 1)^exponent</c>, ranks assigned to ids by a random permutation.</summary>
        private sealed class ZipfSampler
        {
            private readonly double[] cumulative;
            private readonly long[] idOfRank;

            public ZipfSampler(int count, double exponent, Random random)
            {
                cumulative = new double[count];
                var total = 0.0;
                for (var rank = 0; rank < count; rank++)
                {
                    total += Math.Pow(rank + 1, -exponent);
                    cumulative[rank] = total;
                }

                idOfRank = Enumerable.Range(0, count).Select(i => (long)i).ToArray();
                random.Shuffle(idOfRank);
            }

            public long Next(Random random)
            {
                var rank = Array.BinarySearch(cumulative, random.NextDouble() * cumulative[^1]);
                return idOfRank[Math.Min(rank < 0 ? ~rank : rank, cumulative.Length - 1)];
            }
        }
    }

    /// <summary>Impressions made by <see cref="SyntheticCategoricalImpressions.Make"/>.</summary>
    /// <param name="User">Each impression's user id, <c>[0, Users)</c>.</param>
    /// <param name="Item">Each impression's item id, <c>[0, Items)</c>.</param>
    /// <param name="Context">Each impression's context id, <c>[0, Contexts)</c>.</param>
    /// <param name="Impressions">The dense features and the click and conversion outcomes, as <see cref="SyntheticImpressions"/> gives them.</param>
    /// <param name="Users">The user vocabulary.</param>
    /// <param name="Items">The item vocabulary.</param>
    /// <param name="Contexts">The context vocabulary.</param>
    public sealed record CategoricalImpressionData(long[] User, long[] Item, long[] Context, ImpressionData Impressions, int Users, int Items, int Contexts)
    {
        /// <summary>Number of impressions.</summary>
        public int Rows => User.Length;
    }
}
