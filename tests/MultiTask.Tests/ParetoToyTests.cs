using System;
using MultiTask.Benchmarks.ParetoToy;
using TorchSharp;
using Xunit;

namespace MultiTask.Tests
{
    /// <summary>The CAGrad paper's two conflicting objectives, trained by real weightings from the top-left start.</summary>
    [Collection(SerialCollection.Name)]
    public sealed class ParetoToyTests
    {
        private const int Steps = 4000;
        private const double LearningRate = 0.005;
        private static readonly (double X1, double X2) Start = (-8.5, 7.5);

        [Fact]
        public void MGDA_ends_on_a_Pareto_stationary_point()
        {
            using var mgda = new Mgda(ConflictingObjectives.Tasks);
            var end = ConflictingObjectives.Trajectory(mgda, Start, Steps, LearningRate, every: Steps)[^1];
            Assert.True(ConflictingObjectives.Stationarity(end) < 0.1, $"MGDA ended at {end}, stationarity {ConflictingObjectives.Stationarity(end)}.");
        }

        [Fact]
        public void Summing_the_objectives_settles_off_the_Pareto_set()
        {
            using var sum = new StaticWeighting(ConflictingObjectives.Tasks);
            var path = ConflictingObjectives.Trajectory(sum, Start, Steps, LearningRate, every: Steps / 4);
            var end = path[^1];
            Assert.True(ConflictingObjectives.Stationarity(end) > 0.5, $"The sum ended at {end}, stationarity {ConflictingObjectives.Stationarity(end)}.");
            // Settled: it no longer moves toward the Pareto set in the last quarter of the run.
            Assert.True(Math.Abs(path[^2].X1 - end.X1) + Math.Abs(path[^2].X2 - end.X2) < 1, $"The sum still moved from {path[^2]} to {end}.");
        }

        [Fact]
        public void Stationarity_is_zero_where_the_gradients_oppose_and_the_sums_length_where_they_agree()
        {
            // At x2 = -8 both objectives are tanh(4) times bowls centred at x1 = 7 and x1 = -7 (c1 = 0), with x1-gradients
            // -0.2 (7 - x1) tanh(4) and 0.2 (x1 + 7) tanh(4) and equal x2-gradients (from tanh's slope, about 0.01): between the
            // centres the x1 parts cancel at the min-norm point, leaving the x2 part; outside, the shorter gradient is the min-norm point.
            var slope = 0.5 * (1 - (Math.Tanh(4) * Math.Tanh(4))) * ((49 / 10.0) - 20);
            Assert.Equal(Math.Abs(slope), ConflictingObjectives.Stationarity((0.0, -8.0)), 3);
            Assert.Equal(Math.Sqrt(Math.Pow(0.4 * Math.Tanh(4), 2) + (slope * slope)), ConflictingObjectives.Stationarity((9.0, -8.0)), 3);
            using var scope = torch.NewDisposeScope();
            var (f1, f2) = ConflictingObjectives.Losses(torch.tensor(new[] { 0f, -8f }));
            Assert.Equal(Math.Tanh(4) * ((49 / 10.0) - 20), f1.ToDouble(), 4);
            Assert.Equal(Math.Tanh(4) * ((49 / 10.0) - 20), f2.ToDouble(), 4);
        }

        [Fact]
        public void The_Pareto_set_is_the_segment_between_the_bowls_centres()
        {
            var set = ConflictingObjectives.ParetoSet(resolution: 201);
            Assert.NotEmpty(set);
            Assert.All(set, p => Assert.InRange(p.X1, -7.01, 7.01));
            Assert.All(set, p => Assert.InRange(p.X2, -10, -6));
        }
    }
}
