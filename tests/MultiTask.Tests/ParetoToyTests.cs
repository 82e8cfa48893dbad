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
        public void Stationarity_is_zero_where_the_gradients_oppose_and_one_where_they_agree()
        {
            // At x2 = -8 both objectives are tanh(4) times bowls centred at x1 = 7 and x1 = -7 (c1 = 0): between the centres their
            // gradients point almost opposite ways (their x2 parts, from tanh's slope, are 0.01 against 1.4), outside it the same way.
            Assert.True(ConflictingObjectives.Stationarity((0.0, -8.0)) < 0.02);
            Assert.True(ConflictingObjectives.Stationarity((9.0, -8.0)) > 0.99);
            using var scope = torch.NewDisposeScope();
            var (f1, f2) = ConflictingObjectives.Losses(torch.tensor(new[] { 0f, -8f }));
            Assert.Equal(Math.Tanh(4) * ((49 / 10.0) - 20), f1.ToDouble(), 4);
            Assert.Equal(Math.Tanh(4) * ((49 / 10.0) - 20), f2.ToDouble(), 4);
        }
    }
}
