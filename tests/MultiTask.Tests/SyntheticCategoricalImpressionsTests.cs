using System;
using System.Linq;
using Xunit;

namespace MultiTask.Tests
{
    public class SyntheticCategoricalImpressionsTests
    {
        [Fact]
        public void Ids_are_in_their_vocabularies_and_every_column_has_a_value_per_row()
        {
            var data = SyntheticCategoricalImpressions.Make(rows: 3000, users: 500, items: 300, contexts: 4, dimension: 6, seed: 1);

            Assert.Equal(3000, data.Rows);
            Assert.All(data.User, id => Assert.InRange(id, 0, 499));
            Assert.All(data.Item, id => Assert.InRange(id, 0, 299));
            Assert.All(data.Context, id => Assert.InRange(id, 0, 3));
            Assert.Equal(3000, data.Item.Length);
            Assert.Equal(3000, data.Context.Length);
            Assert.Equal(3000, data.Impressions.Rows);
            Assert.Equal(new[] { 3000, 6 }, new[] { data.Impressions.Features.GetLength(0), data.Impressions.Features.GetLength(1) });
            Assert.Equal((500, 300, 4), (data.Users, data.Items, data.Contexts));
        }

        [Fact]
        public void Popular_ids_appear_far_more_often_than_under_a_uniform_draw()
        {
            var data = SyntheticCategoricalImpressions.Make(rows: 20000, users: 1000, items: 1000, popularity: 1.1, seed: 2);

            var topShare = data.Item.GroupBy(i => i).Select(g => g.Count()).OrderByDescending(c => c).Take(10).Sum() / 20000.0;
            Assert.True(topShare > 0.1, $"the 10 most frequent items take {topShare:P1} of the impressions (uniform: 1%)");
        }

        [Fact]
        public void Click_and_conversion_rates_are_the_requested_ones()
        {
            var data = SyntheticCategoricalImpressions.Make(rows: 20000, clickRate: 0.2, conversionRate: 0.25, seed: 3);

            var clicked = data.Impressions.Clicked;
            Assert.InRange(clicked.Average(c => c ? 1.0 : 0.0), 0.18, 0.22);
            Assert.InRange(data.Impressions.Converted.Count(c => c) / (double)clicked.Count(c => c), 0.22, 0.28);
            Assert.All(Enumerable.Range(0, data.Rows), r => Assert.Equal(clicked[r] && data.Impressions.WouldConvert[r], data.Impressions.Converted[r]));
        }

        [Fact]
        public void With_the_whole_signal_in_the_ids_a_user_item_pair_keeps_its_click_rate_across_rows()
        {
            // Few ids, many rows: each (user, item, context) repeats, so its click rate estimates its hidden probability.
            var data = SyntheticCategoricalImpressions.Make(rows: 40000, users: 20, items: 20, contexts: 1, idShare: 1, noise: 0, popularity: 0, seed: 4);

            var first = HalvesCorrelation(data);
            Assert.True(first > 0.8, $"click rates of the same pairs in the two halves correlate {first:F2}");

            var noSignal = SyntheticCategoricalImpressions.Make(rows: 40000, users: 20, items: 20, contexts: 1, idShare: 0, popularity: 0, seed: 4);
            var none = HalvesCorrelation(noSignal);
            Assert.True(Math.Abs(none) < 0.3, $"without id signal the halves still correlate {none:F2}");
        }

        [Fact]
        public void The_same_seed_gives_the_same_impressions()
        {
            var a = SyntheticCategoricalImpressions.Make(rows: 500, users: 50, items: 50, seed: 5);
            var b = SyntheticCategoricalImpressions.Make(rows: 500, users: 50, items: 50, seed: 5);
            var c = SyntheticCategoricalImpressions.Make(rows: 500, users: 50, items: 50, seed: 6);

            Assert.Equal(a.User, b.User);
            Assert.Equal(a.Item, b.Item);
            Assert.Equal(a.Context, b.Context);
            Assert.Equal(a.Impressions.Clicked, b.Impressions.Clicked);
            Assert.Equal(a.Impressions.WouldConvert, b.Impressions.WouldConvert);
            Assert.NotEqual(a.User, c.User);
        }

        /// <summary>The correlation, over (user, item) pairs, of their click rates in the first and the second half of the rows.</summary>
        private static double HalvesCorrelation(CategoricalImpressionData data)
        {
            var half = data.Rows / 2;
            double[] Rates(int from) => Enumerable.Range(0, data.Users * data.Items).Select(pair =>
            {
                var rows = Enumerable.Range(from, half).Where(r => data.User[r] * data.Items + data.Item[r] == pair).ToArray();
                return rows.Length == 0 ? double.NaN : rows.Average(r => data.Impressions.Clicked[r] ? 1.0 : 0.0);
            }).ToArray();

            var (a, b) = (Rates(0), Rates(half));
            var both = Enumerable.Range(0, a.Length).Where(i => !double.IsNaN(a[i]) && !double.IsNaN(b[i])).ToArray();
            var (x, y) = (both.Select(i => a[i]).ToArray(), both.Select(i => b[i]).ToArray());
            double mx = x.Average(), my = y.Average();
            var cov = x.Zip(y, (p, q) => (p - mx) * (q - my)).Sum();
            return cov / Math.Sqrt(x.Sum(p => (p - mx) * (p - mx)) * y.Sum(q => (q - my) * (q - my)));
        }
    }
}
