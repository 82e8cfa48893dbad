using System;
using System.Linq;
using Xunit;

namespace MultiTask.Tests
{
    /// <summary>
    /// The learning-rate schedules against hand computations of their formulas (and of torch's schedulers they match).
    /// No tensors: the schedules are plain arithmetic.
    /// </summary>
    public class ScheduleTests
    {
        private const int Precision = 12;

        private sealed record Metrics(double Loss, double Accuracy);

        /// <summary>The factor of a ReduceOnPlateau on losses after each epoch of <paramref name="losses"/>.</summary>
        private static double[] FactorsAfterEachEpoch(ReduceOnPlateau<Metrics> schedule, params double[] losses)
            => losses.Select((loss, i) =>
            {
                schedule.OnEpochEnd(i + 1, new Metrics(loss, 0));
                return schedule.Factor(i + 2, i + 1, 1);
            }).ToArray();

        [Fact]
        public void Step_decays_by_gamma_every_step_size_epochs_like_StepLR()
        {
            var schedule = LearningRateSchedule.Step(stepSize: 3, gamma: 0.5);
            Assert.IsType<StepSchedule>(schedule);
            // gamma^floor((epoch-1)/3): epochs 1-3 -> 0.5^0, 4-6 -> 0.5^1, 7 -> 0.5^2.
            Assert.Equal([1, 1, 1, 0.5, 0.5, 0.5, 0.25], Enumerable.Range(1, 7).Select(e => schedule.Factor(e, step: 10L * (e - 1), stepsPerEpoch: 10)));
            // Constant within an epoch, known steps per epoch or not.
            Assert.Equal(0.5, schedule.Factor(4, 31, 10));
            Assert.Equal(1, schedule.Factor(1, 5, null));
        }

        [Fact]
        public void Exponential_decays_by_gamma_every_epoch_like_ExponentialLR()
        {
            var schedule = LearningRateSchedule.Exponential(0.9);
            Assert.IsType<ExponentialSchedule>(schedule);
            var factors = Enumerable.Range(1, 4).Select(e => schedule.Factor(e, 0, null)).ToArray();
            Assert.Equal(1, factors[0]);
            Assert.Equal(0.9, factors[1], Precision);
            Assert.Equal(0.81, factors[2], Precision);
            Assert.Equal(0.729, factors[3], Precision);
        }

        [Fact]
        public void Cosine_anneals_from_one_to_the_min_factor_over_the_run()
        {
            // 4 epochs of 5 steps: T = 20, no warm-up, p = step / 20.
            var schedule = LearningRateSchedule.Cosine(epochs: 4);
            Assert.IsType<CosineSchedule>(schedule);
            Assert.Equal(1, schedule.Factor(1, 0, 5), Precision);
            Assert.Equal(0.5, schedule.Factor(3, 10, 5), Precision);                       // p = 1/2: (1 + cos(pi/2)) / 2
            Assert.Equal((2 + Math.Sqrt(2)) / 4, schedule.Factor(2, 5, 5), Precision);     // p = 1/4: (1 + sqrt(2)/2) / 2
            Assert.Equal((2 - Math.Sqrt(2)) / 4, schedule.Factor(4, 15, 5), Precision);    // p = 3/4
            Assert.Equal(0, schedule.Factor(5, 20, 5), Precision);                          // p = 1
            Assert.Equal(0, schedule.Factor(9, 100, 5), Precision);                         // clamped past the end
            Assert.True(schedule.Factor(4, 19, 5) > 0);                                     // the last step of the run: p = 19/20
        }

        [Fact]
        public void Cosine_min_factor_is_the_floor_and_scales_the_amplitude()
        {
            var schedule = LearningRateSchedule.Cosine(epochs: 4, minFactor: 0.1);
            Assert.Equal(1, schedule.Factor(1, 0, 5), Precision);
            Assert.Equal(0.55, schedule.Factor(3, 10, 5), Precision);                                      // 0.1 + 0.9 * 0.5
            Assert.Equal(0.1 + (0.9 * (2 + Math.Sqrt(2)) / 4), schedule.Factor(2, 5, 5), Precision);       // 0.868198...
            Assert.Equal(0.1, schedule.Factor(5, 20, 5), Precision);
            Assert.Equal(0.1, schedule.Factor(7, 35, 5), Precision);
        }

        [Fact]
        public void Cosine_warms_up_linearly_then_anneals_over_the_remaining_steps()
        {
            // w = 4, T = 20: warm-up 1/4, 2/4, 3/4, 4/4; then p = (step - 4) / 16.
            var schedule = LearningRateSchedule.Cosine(epochs: 4, warmupSteps: 4);
            Assert.Equal([0.25, 0.5, 0.75, 1], Enumerable.Range(0, 4).Select(s => schedule.Factor(1, s, null)));
            Assert.Equal(1, schedule.Factor(1, 4, 5), Precision);
            Assert.Equal(0.5, schedule.Factor(3, 12, 5), Precision);                      // p = 8/16
            Assert.Equal((2 + Math.Sqrt(2)) / 4, schedule.Factor(2, 8, 5), Precision);    // p = 4/16
            Assert.Equal(0, schedule.Factor(4, 20, 5), Precision);
        }

        [Fact]
        public void Cosine_without_steps_per_epoch_anneals_by_epoch()
        {
            // t = epoch - 1, T = epochs = 4.
            var schedule = LearningRateSchedule.Cosine(epochs: 4, minFactor: 0.2);
            Assert.Equal(1, schedule.Factor(1, 7, null), Precision);
            Assert.Equal(0.6, schedule.Factor(3, 0, null), Precision);                     // p = 2/4: 0.2 + 0.8 * 0.5
            Assert.Equal(0.2, schedule.Factor(5, 0, null), Precision);
        }

        [Fact]
        public void Linear_warmup_ramps_to_one_and_stays()
        {
            var schedule = LearningRateSchedule.LinearWarmup(4);
            Assert.IsType<LinearWarmupSchedule>(schedule);
            Assert.Equal([0.25, 0.5, 0.75, 1, 1, 1], Enumerable.Range(0, 6).Select(s => schedule.Factor(1 + (s / 3), s, s < 3 ? null : 3)));
            Assert.Equal(1, schedule.Factor(50, 1000, 20));
            Assert.Equal(1, LearningRateSchedule.LinearWarmup(0).Factor(1, 0, null));
            Assert.Equal(1, LearningRateSchedule.LinearWarmup(1).Factor(1, 0, null));
        }

        [Fact]
        public void Plateau_reduces_after_exactly_patience_plus_one_bad_epochs()
        {
            var schedule = LearningRateSchedule.ReduceOnPlateau<Metrics>(m => m.Loss, factor: 0.5, patience: 2);
            Assert.Equal(1, schedule.Factor(1, 0, null));
            // Epoch 1 sets best = 1; epochs 2, 3 are bad epochs 1, 2 (tolerated); epoch 4 is bad epoch 3 > 2: reduce.
            // Then the count restarts: epochs 5, 6 tolerated, epoch 7 reduces again.
            Assert.Equal([1, 1, 1, 0.5, 0.5, 0.5, 0.25], FactorsAfterEachEpoch(schedule, 1, 1, 1, 1, 1, 1, 1));
            Assert.Equal(0.25, schedule.CurrentFactor);
            Assert.Equal(1, schedule.Best);
        }

        [Fact]
        public void Plateau_improvement_resets_the_bad_epoch_count()
        {
            var schedule = LearningRateSchedule.ReduceOnPlateau<Metrics>(m => m.Loss, factor: 0.5, patience: 1);
            // 1: best; 1: bad 1; 0.5: best, reset; 0.5: bad 1; 0.5: bad 2 > 1, reduce.
            Assert.Equal([1, 1, 1, 1, 0.5], FactorsAfterEachEpoch(schedule, 1, 1, 0.5, 0.5, 0.5));
            Assert.Equal(0.5, schedule.Best);
        }

        [Fact]
        public void Plateau_cooldown_ignores_bad_epochs_after_a_reduction()
        {
            // patience 0: every bad epoch outside a cooldown reduces.
            // 1: best. 2: bad, reduce (0.5), cooldown 2. 3, 4: cooldown (counter 2 -> 1 -> 0), bad count reset.
            // 5: bad, reduce (0.25), cooldown 2. 6, 7: cooldown. 8: reduce (0.125).
            var withCooldown = LearningRateSchedule.ReduceOnPlateau<Metrics>(m => m.Loss, factor: 0.5, patience: 0, cooldown: 2);
            Assert.Equal([1, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.125], FactorsAfterEachEpoch(withCooldown, 1, 1, 1, 1, 1, 1, 1, 1));

            var withoutCooldown = LearningRateSchedule.ReduceOnPlateau<Metrics>(m => m.Loss, factor: 0.5, patience: 0);
            Assert.Equal([1, 0.5, 0.25, 0.125], FactorsAfterEachEpoch(withoutCooldown, 1, 1, 1, 1));
        }

        [Fact]
        public void Plateau_never_goes_below_the_min_factor()
        {
            var schedule = LearningRateSchedule.ReduceOnPlateau<Metrics>(m => m.Loss, factor: 0.1, patience: 0, minFactor: 0.05);
            // 1; 0.1; max(0.01, 0.05) = 0.05; stays 0.05.
            var factors = FactorsAfterEachEpoch(schedule, 1, 1, 1, 1);
            Assert.Equal(1, factors[0]);
            Assert.Equal(0.1, factors[1], Precision);
            Assert.Equal(0.05, factors[2]);
            Assert.Equal(0.05, factors[3]);
        }

        [Fact]
        public void Plateau_with_higher_is_better_needs_a_relative_increase()
        {
            var schedule = LearningRateSchedule.ReduceOnPlateau<Metrics>(m => m.Accuracy, higherIsBetter: true, factor: 0.5, patience: 1, threshold: 0.01);
            double[] accuracies = [0.5, 0.6, 0.605, 0.61, 0.61, 0.3];
            // 0.5 > -inf: best. 0.6 > 0.505: best. 0.605 > 0.606? no: bad 1. 0.61 > 0.606: best, reset.
            // 0.61 > 0.6161? no: bad 1. 0.3: bad 2 > 1, reduce.
            var factors = accuracies.Select((a, i) =>
            {
                schedule.OnEpochEnd(i + 1, new Metrics(Loss: 100, Accuracy: a));
                return schedule.CurrentFactor;
            });
            Assert.Equal([1, 1, 1, 1, 1, 0.5], factors);
            Assert.Equal(0.61, schedule.Best);
        }

        [Fact]
        public void Plateau_refuses_a_NaN_monitor_and_names_the_epoch()
        {
            // torch would count NaN as a bad epoch and cut the rate without a word; a NaN here means a metric the data do not define.
            var schedule = LearningRateSchedule.ReduceOnPlateau<Metrics>(m => m.Loss, factor: 0.5, patience: 0);
            FactorsAfterEachEpoch(schedule, 3);
            var error = Assert.Throws<InvalidOperationException>(() => schedule.OnEpochEnd(2, new Metrics(double.NaN, 0)));
            Assert.StartsWith("ReduceOnPlateau: the monitored value is NaN in epoch 2. A task's loss and metrics are NaN when no row of the pass has its label", error.Message);
            Assert.Equal(1, schedule.CurrentFactor);
            Assert.Equal(3, schedule.Best);
        }

        [Fact]
        public void Plateau_compares_negative_values_as_torch_does()
        {
            // torch's 'rel' min mode: improvement when v < best * (1 - threshold). With best = -1 and threshold 0.1 the bar is
            // -0.9, so -0.95 (numerically worse than -1) counts as an improvement, and -1.05 too; -0.85 does not.
            var schedule = LearningRateSchedule.ReduceOnPlateau<Metrics>(m => m.Loss, threshold: 0.1, patience: 5);
            FactorsAfterEachEpoch(schedule, -1, -0.95);
            Assert.Equal(-0.95, schedule.Best);
            Assert.Equal(0, schedule.BadEpochs);
            FactorsAfterEachEpoch(schedule, -0.85);
            Assert.Equal(-0.95, schedule.Best);
            Assert.Equal(1, schedule.BadEpochs);
        }

        [Fact]
        public void Plateau_replicates_torch_ReduceLROnPlateau_on_a_fixed_sequence()
        {
            // torch.optim.lr_scheduler.ReduceLROnPlateau(opt(lr=1), mode='min', factor=0.5, patience=2, threshold=0.01,
            // threshold_mode='rel', cooldown=1, min_lr=0.2), scheduler.step(loss) after each epoch; lr after each step:
            //  e1  1.0    < inf             best 1.0            lr 1
            //  e2  0.9    < 0.99            best 0.9            lr 1
            //  e3  0.895  < 0.891? no       bad 1               lr 1
            //  e4  0.89   < 0.891           best 0.89, bad 0    lr 1    (the bar is relative to the best, not the last value)
            //  e5  0.8911 < 0.8811? no      bad 1               lr 1
            //  e6  0.85   < 0.8811          best 0.85, bad 0    lr 1
            //  e7  0.849  < 0.8415? no      bad 1               lr 1
            //  e8  0.849                    bad 2               lr 1
            //  e9  0.849                    bad 3 > 2: reduce   lr 0.5, cooldown 1, bad 0
            //  e10 0.849                    bad 1; cooldown 1 -> 0, bad 0   lr 0.5
            //  e11 0.849                    bad 1               lr 0.5
            //  e12 0.849                    bad 2               lr 0.5
            //  e13 0.849                    bad 3: reduce       lr 0.25, cooldown 1
            //  e14 0.849                    cooldown, bad 0     lr 0.25
            //  e15 0.7    < 0.8415          best 0.7, bad 0     lr 0.25
            //  e16, e17   0.7               bad 1, 2            lr 0.25
            //  e18 0.7                      bad 3: reduce       lr max(0.125, 0.2) = 0.2
            //  e19 .. e22 0.7               cooldown, bad 1, 2, 3: max(0.1, 0.2) = 0.2
            var schedule = LearningRateSchedule.ReduceOnPlateau<Metrics>(m => m.Loss, factor: 0.5, patience: 2, threshold: 0.01, cooldown: 1, minFactor: 0.2);
            double[] losses = [1.0, 0.9, 0.895, 0.89, 0.8911, 0.85, .. Enumerable.Repeat(0.849, 8), .. Enumerable.Repeat(0.7, 8)];
            double[] expected = [1, 1, 1, 1, 1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.25, 0.25, 0.2, 0.2, 0.2, 0.2, 0.2];
            Assert.Equal(expected, FactorsAfterEachEpoch(schedule, losses));
            Assert.Equal(0.7, schedule.Best);
        }

        [Fact]
        public void Plateau_names_the_expected_and_actual_metrics_types()
        {
            var schedule = LearningRateSchedule.ReduceOnPlateau<Metrics>(m => m.Loss);
            var wrong = Assert.Throws<InvalidOperationException>(() => schedule.OnEpochEnd(1, "not metrics"));
            Assert.Contains(typeof(Metrics).FullName!, wrong.Message, StringComparison.Ordinal);
            Assert.Contains("System.String", wrong.Message, StringComparison.Ordinal);
            var missing = Assert.Throws<InvalidOperationException>(() => schedule.OnEpochEnd(1, null!));
            Assert.Contains("null", missing.Message, StringComparison.Ordinal);
            Assert.Equal(1, schedule.CurrentFactor);
            Assert.Throws<ArgumentNullException>(() => LearningRateSchedule.ReduceOnPlateau<Metrics>(null!));
        }

        public static TheoryData<string, string, object, string> InvalidArguments => new()
        {
            { "step size", "stepSize", 0, "stepSize must be at least 1; it was 0." },
            { "step gamma", "gamma", 0.0, "gamma must be positive and finite; it was 0." },
            { "exponential gamma", "gamma", double.PositiveInfinity, "gamma must be positive and finite; it was Infinity." },
            { "cosine epochs", "epochs", 0, "epochs must be at least 1; it was 0." },
            { "cosine min factor", "minFactor", 1.5, "minFactor must be between 0 and 1; it was 1.5." },
            { "cosine warm-up", "warmupSteps", -1, "warmupSteps must not be negative; it was -1." },
            { "warm-up", "warmupSteps", -3, "warmupSteps must not be negative; it was -3." },
            { "plateau factor", "factor", 1.0, "factor must be greater than 0 and less than 1; it was 1." },
            { "plateau patience", "patience", -1, "patience must not be negative; it was -1." },
            { "plateau threshold", "threshold", -0.1, "threshold must be non-negative and finite; it was -0.1." },
            { "plateau cooldown", "cooldown", -2, "cooldown must not be negative; it was -2." },
            { "plateau min factor", "minFactor", double.NaN, "minFactor must be between 0 and 1; it was NaN." },
            { "epoch", "epoch", 0, "epoch must be at least 1 (epochs are numbered from 1); it was 0." },
            { "step", "step", -1L, "step must not be negative; it was -1." },
            { "steps per epoch", "stepsPerEpoch", 0, "stepsPerEpoch must be at least 1 when known; it was 0." },
        };

        [Theory]
        [MemberData(nameof(InvalidArguments))]
        public void Invalid_arguments_name_the_parameter_and_value(string @case, string parameter, object value, string message)
        {
            Action act = @case switch
            {
                "step size" => () => new StepSchedule(0),
                "step gamma" => () => new StepSchedule(2, 0),
                "exponential gamma" => () => new ExponentialSchedule(double.PositiveInfinity),
                "cosine epochs" => () => new CosineSchedule(0),
                "cosine min factor" => () => new CosineSchedule(3, minFactor: 1.5),
                "cosine warm-up" => () => new CosineSchedule(3, warmupSteps: -1),
                "warm-up" => () => new LinearWarmupSchedule(-3),
                "plateau factor" => () => new ReduceOnPlateau<Metrics>(m => m.Loss, factor: 1),
                "plateau patience" => () => new ReduceOnPlateau<Metrics>(m => m.Loss, patience: -1),
                "plateau threshold" => () => new ReduceOnPlateau<Metrics>(m => m.Loss, threshold: -0.1),
                "plateau cooldown" => () => new ReduceOnPlateau<Metrics>(m => m.Loss, cooldown: -2),
                "plateau min factor" => () => new ReduceOnPlateau<Metrics>(m => m.Loss, minFactor: double.NaN),
                "epoch" => () => new StepSchedule(1).Factor(0, 0, null),
                "step" => () => new CosineSchedule(1).Factor(1, -1, null),
                "steps per epoch" => () => new LinearWarmupSchedule(1).Factor(1, 0, 0),
                _ => throw new ArgumentException(@case),
            };
            var error = Assert.Throws<ArgumentOutOfRangeException>(act);
            Assert.Equal(parameter, error.ParamName);
            Assert.Equal(value, error.ActualValue);
            Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        }
    }
}
