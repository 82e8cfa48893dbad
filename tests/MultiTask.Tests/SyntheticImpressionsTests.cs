using System.Linq;
using Xunit;

namespace MultiTask.Tests
{
    public class SyntheticImpressionsTests
    {
        [Fact]
        public void Click_and_conversion_rates_are_the_requested_ones()
        {
            var data = SyntheticImpressions.Make(rows: 20000, clickRate: 0.2, conversionRate: 0.25, seed: 3);

            var clickRate = data.Clicked.Average(c => c ? 1.0 : 0.0);
            var conversionsPerClick = data.Converted.Count(c => c) / (double)data.Clicked.Count(c => c);
            Assert.InRange(clickRate, 0.18, 0.22);
            Assert.InRange(conversionsPerClick, 0.22, 0.28);
        }

        [Fact]
        public void A_conversion_only_happens_after_a_click()
        {
            var data = SyntheticImpressions.Make(rows: 5000, seed: 4);

            Assert.All(Enumerable.Range(0, data.Rows), r => Assert.True(!data.Converted[r] || data.Clicked[r]));
            Assert.Same(data.Clicked, data.ConversionObserved);
        }

        [Fact]
        public void Every_impression_has_a_would_convert_outcome_and_clicked_ones_are_a_biased_sample_of_it()
        {
            var data = SyntheticImpressions.Make(rows: 20000, correlation: 0.8, seed: 8);

            Assert.All(Enumerable.Range(0, data.Rows), r => Assert.Equal(data.Clicked[r] && data.WouldConvert[r], data.Converted[r]));
            var rows = Enumerable.Range(0, data.Rows).ToArray();
            var clickedRate = rows.Where(r => data.Clicked[r]).Average(r => data.WouldConvert[r] ? 1.0 : 0.0);
            var unclickedRate = rows.Where(r => !data.Clicked[r]).Average(r => data.WouldConvert[r] ? 1.0 : 0.0);
            Assert.True(unclickedRate > 0.02, $"unclicked impressions would convert at {unclickedRate}");

            // Correlated click and conversion scores: a CVR model fitted on clicked rows alone sees too many conversions.
            Assert.True(clickedRate > unclickedRate + 0.05, $"clicked {clickedRate}, unclicked {unclickedRate}");
        }

        [Fact]
        public void The_same_seed_gives_the_same_impressions()
        {
            var a = SyntheticImpressions.Make(rows: 500, seed: 5);
            var b = SyntheticImpressions.Make(rows: 500, seed: 5);
            var c = SyntheticImpressions.Make(rows: 500, seed: 6);

            Assert.Equal(a.Clicked, b.Clicked);
            Assert.Equal(a.Converted, b.Converted);
            Assert.Equal(a.WouldConvert, b.WouldConvert);
            Assert.NotEqual(a.Clicked, c.Clicked);
        }
    }
}
