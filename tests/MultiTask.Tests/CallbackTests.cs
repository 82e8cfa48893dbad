using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using Xunit;

namespace MultiTask.Tests
{
    public class CallbackTests
    {
        /// <summary>Writes down every event it sees, and stops the run after <see cref="StopAfter"/> epochs.</summary>
        private sealed class Journal(string name, List<string> log) : TrainingCallback<TinyMetrics>
        {
            public int? StopAfter { get; init; }

            public List<StepEnd> Steps { get; } = [];

            public override void OnFitStart(FitStart<TinyMetrics> fit) => log.Add($"{name}:fit-start {fit.FirstEpoch}-{fit.LastEpoch}");

            public override void OnEpochStart(EpochStart epoch) => log.Add($"{name}:epoch-start {epoch.Epoch} of {epoch.Batches?.ToString() ?? "?"} batches");

            public override void OnStepEnd(StepEnd step)
            {
                Steps.Add(step);
                log.Add($"{name}:step {step.Epoch}.{step.Batch}/{step.Batches?.ToString() ?? "?"} #{step.Step}");
            }

            public override void OnEpochEnd(EpochEnd<TinyMetrics> epoch)
            {
                log.Add($"{name}:epoch-end {epoch.Epoch} stop={epoch.StopReason ?? "-"}");
                if (epoch.Epoch == StopAfter)
                {
                    epoch.Stop($"{name} has seen enough");
                }
            }

            public override void OnFitEnd(FitEnd<TinyMetrics> fit) => log.Add($"{name}:fit-end {fit.History.Count}");

            public override void OnFitFailed(FitFailed failure) => log.Add($"{name}:fit-failed {failure.Epoch} {failure.Exception.GetType().Name}");
        }

        [Fact]
        public void A_failing_fit_tells_every_callback_instead_of_ending_and_the_start_names_tasks_and_parts()
        {
            var data = new TinyData(16, seed: 1);
            torch.manual_seed(1);
            using var net = new TinyNet();
            var log = new List<string>();
            FitStart<TinyMetrics>? start = null;
            var watcher = new Journal("b", log);
            var options = new TrainingOptions<TinyMetrics> { Epochs = 3, LearningRate = 1e6, Callbacks = [new Journal("a", log), watcher, new StartProbe(s => start = s)] };
            using var trainer = new TinyTrainer(net, options);

            Assert.Throws<TrainingDivergedException>(() => trainer.Fit(data.Batches(8)));

            Assert.Equal(["a:fit-failed 1 TrainingDivergedException", "b:fit-failed 1 TrainingDivergedException"], log.Where(l => l.Contains("fit-", System.StringComparison.Ordinal) && !l.Contains("fit-start", System.StringComparison.Ordinal)));
            Assert.DoesNotContain(log, l => l.Contains("fit-end", System.StringComparison.Ordinal));
            Assert.Equal(["Class", "Value"], start!.Tasks.Select(t => t.Name));
            Assert.Same(net.Body, Assert.Single(start.Parts.Shared));
        }

        private sealed class StartProbe(System.Action<FitStart<TinyMetrics>> seen) : TrainingCallback<TinyMetrics>
        {
            public override void OnFitStart(FitStart<TinyMetrics> fit) => seen(fit);
        }

        [Fact]
        public void Callbacks_see_every_event_in_order_with_the_batch_count()
        {
            var data = new TinyData(24, seed: 1);
            torch.manual_seed(1);
            using var net = new TinyNet();
            var log = new List<string>();
            var options = new TrainingOptions<TinyMetrics> { Epochs = 2, Callbacks = [new Journal("a", log), new Journal("b", log)] };
            using var trainer = new TinyTrainer(net, options);
            trainer.Fit(data.Batches(12));

            Assert.Equal(
                [
                    "a:fit-start 1-2", "b:fit-start 1-2",
                    "a:epoch-start 1 of 2 batches", "b:epoch-start 1 of 2 batches",
                    "a:step 1.1/2 #1", "b:step 1.1/2 #1", "a:step 1.2/2 #2", "b:step 1.2/2 #2",
                    "a:epoch-end 1 stop=-", "b:epoch-end 1 stop=-",
                    "a:epoch-start 2 of 2 batches", "b:epoch-start 2 of 2 batches",
                    "a:step 2.1/2 #3", "b:step 2.1/2 #3", "a:step 2.2/2 #4", "b:step 2.2/2 #4",
                    "a:epoch-end 2 stop=-", "b:epoch-end 2 stop=-",
                    "a:fit-end 2", "b:fit-end 2",
                ],
                log);
        }

        [Fact]
        public void A_stop_ends_the_run_after_every_callback_has_seen_the_epoch()
        {
            var data = new TinyData(24, seed: 2);
            torch.manual_seed(2);
            using var net = new TinyNet();
            var log = new List<string>();
            var options = new TrainingOptions<TinyMetrics> { Epochs = 10, Callbacks = [new Journal("a", log) { StopAfter = 3 }, new Journal("b", log)] };
            using var trainer = new TinyTrainer(net, options);
            var history = trainer.Fit(data.Batches(12));

            Assert.Equal(3, history.Count);
            Assert.True(history.StoppedEarly);
            Assert.Equal("a has seen enough", history.StopReason);
            Assert.Contains("b:epoch-end 3 stop=a has seen enough", log);
            Assert.Equal("b:fit-end 3", log[^1]);
            Assert.Equal(3, trainer.CompletedEpochs);
        }

        [Fact]
        public void Step_events_carry_the_device_losses_and_the_applied_weights()
        {
            var data = new TinyData(16, seed: 3);
            torch.manual_seed(3);
            using var net = new TinyNet();
            var weights = new List<float[]>();
            var losses = new List<double>();
            var probe = new Probe(step =>
            {
                weights.Add(TestTensors.Floats(step.Weights));
                losses.Add(step.Losses.Total.ToDouble());
            });
            using var trainer = new TinyTrainer(net, new TrainingOptions<TinyMetrics> { Epochs = 1, Callbacks = [probe] });
            var history = trainer.Fit(data.Batches(8));
            Assert.Equal(2, weights.Count);
            Assert.All(weights, w => Assert.Equal([1f, 1f], w));
            Assert.Equal(1.0, history[0].LossWeights["Value"]);
            Assert.All(losses, l => Assert.True(l > 0));
        }

        [Fact]
        public void Epoch_numbers_and_steps_continue_across_fit_calls()
        {
            var data = new TinyData(24, seed: 4);
            torch.manual_seed(4);
            using var net = new TinyNet();
            var log = new List<string>();
            using var trainer = new TinyTrainer(net, new TrainingOptions<TinyMetrics> { Epochs = 2, Callbacks = [new Journal("a", log)] });
            trainer.Fit(data.Batches(12));
            var second = trainer.Fit(data.Batches(12));
            Assert.Equal([3, 4], second.Select(e => e.Epoch));
            Assert.Contains("a:fit-start 3-4", log);
            Assert.Contains("a:step 4.2/2 #8", log);
            Assert.Equal(4, trainer.CompletedEpochs);
        }

        [Fact]
        public void Progress_is_reported_synchronously_while_fit_runs()
        {
            var data = new TinyData(24, seed: 5);
            torch.manual_seed(5);
            using var net = new TinyNet();
            var seen = new List<(int Epoch, int Completed)>();
            TinyTrainer? trainer = null;
            var progress = new Recorder<EpochResult<TinyMetrics>>(e => seen.Add((e.Epoch, trainer!.CompletedEpochs)));
            using (trainer = new TinyTrainer(net, new TrainingOptions<TinyMetrics> { Epochs = 3, Progress = progress }))
            {
                trainer.Fit(data.Batches(12));
            }

            // Each epoch is reported before the trainer counts it as done, i.e. inside Fit, in order.
            Assert.Equal([(1, 0), (2, 1), (3, 2)], seen);
        }

        [Fact]
        public void Delegate_callbacks_run_inside_fit_and_can_stop_it()
        {
            var data = new TinyData(24, seed: 6);
            torch.manual_seed(6);
            using var net = new TinyNet();
            var epochs = new List<int>();
            var steps = 0;
            var options = new TrainingOptions<TinyMetrics>
            {
                Epochs = 5,
                Callbacks =
                [
                    Callback.AtEpochEnd<TinyMetrics>(e =>
                    {
                        epochs.Add(e.Epoch);
                        if (e.Epoch == 2)
                        {
                            e.Stop("two is enough");
                        }
                    }),
                    Callback.AtStepEnd<TinyMetrics>(_ => steps++),
                ],
            };
            using var trainer = new TinyTrainer(net, options);
            var history = trainer.Fit(data.Batches(12));
            Assert.Equal([1, 2], epochs);
            Assert.Equal(4, steps);
            Assert.Equal("two is enough", history.StopReason);
        }

        private sealed class Probe(Action<StepEnd> onStep) : TrainingCallback<TinyMetrics>
        {
            public override void OnStepEnd(StepEnd step) => onStep(step);
        }
    }
}
