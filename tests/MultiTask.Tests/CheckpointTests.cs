using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TorchSharp;
using Xunit;
using static MultiTask.Tests.TestTensors;
using static TorchSharp.torch;

namespace MultiTask.Tests
{
    /// <summary>Checkpoints and resume in one process: the state a checkpoint restores, the callback's files, and the failures that change nothing.</summary>
    [Collection(SerialCollection.Name)]
    public sealed class CheckpointTests : IDisposable
    {
        private readonly string folder = Directory.CreateTempSubdirectory("multitask-checkpoints-").FullName;

        public void Dispose() => Directory.Delete(folder, recursive: true);

        private static readonly Dictionary<string, Func<IReadOnlyList<TaskDefinition>, LossWeighting>> Weightings = new()
        {
            ["static"] = tasks => new StaticWeighting(tasks),
            ["uncertainty"] = tasks => new UncertaintyWeighting(tasks),
            ["pcgrad"] = tasks => new PCGrad(tasks),
            ["dbmtl"] = tasks => new DbMtl(tasks),
            ["dwa"] = tasks => new Dwa(tasks),
            ["rlw"] = tasks => new RandomLossWeighting(tasks),
            ["gradnorm"] = tasks => new GradNorm(tasks),
            ["famo"] = tasks => new Famo(tasks),
            ["mgda"] = tasks => new Mgda(tasks),
            ["cagrad"] = tasks => new CAGrad(tasks),
            ["upgrad"] = tasks => new UPGrad(tasks),
            ["nash-mtl"] = tasks => new NashMtl(tasks),
        };

        private static TinyNet Net(string weighting, long seed, double dropout = 0.2)
        {
            torch.manual_seed(seed);
            return new TinyNet(dropout: dropout, weighting: Weightings[weighting]);
        }

        private static TrainingOptions<TinyMetrics> Options(OptimizerKind optimizer, int epochs, params TrainingCallback<TinyMetrics>[] callbacks) => new()
        {
            Epochs = epochs,
            LearningRate = 0.02,
            Optimizer = optimizer,
            Seed = 7,
            Schedule = LearningRateSchedule.ReduceOnPlateau<TinyMetrics>(m => m.Loss, patience: 0, factor: 0.5),
            EarlyStopping = new(m => m.Value.Rmse, Patience: 100),
            Callbacks = callbacks,
        };

        [Theory]
        [InlineData(OptimizerKind.Adam, "static")]
        [InlineData(OptimizerKind.AdamW, "uncertainty")]
        [InlineData(OptimizerKind.Sgd, "pcgrad")]
        [InlineData(OptimizerKind.Adam, "dbmtl")]
        [InlineData(OptimizerKind.Sgd, "dwa")]
        [InlineData(OptimizerKind.AdamW, "rlw")]
        [InlineData(OptimizerKind.Adam, "gradnorm")]
        [InlineData(OptimizerKind.Sgd, "famo")]
        [InlineData(OptimizerKind.Adam, "mgda")]
        [InlineData(OptimizerKind.AdamW, "cagrad")]
        [InlineData(OptimizerKind.Sgd, "upgrad")]
        [InlineData(OptimizerKind.Adam, "nash-mtl")]
        public void Resuming_a_checkpoint_gives_the_weights_and_history_of_the_run_in_one_go(OptimizerKind optimizer, string weighting)
        {
            var data = new TinyData(40, seed: 3);
            var validation = new TinyData(16, seed: 4);
            var checkpoints = new CheckpointCallback<TinyMetrics>(folder, every: 3, keep: 5);
            using var straight = Net(weighting, seed: 1);
            using var straightTrainer = new TinyTrainer(straight, Options(optimizer, 6, checkpoints));
            var expected = straightTrainer.Fit(data.Batches(8, shuffle: true, seed: 5), validation.Batches(8));

            // Another initialisation and another generator state: the checkpoint must replace all of it.
            using var resumed = Net(weighting, seed: 99);
            using var resumedTrainer = new TinyTrainer(resumed, Options(optimizer, 6));
            var history = resumedTrainer.Fit(data.Batches(8, shuffle: true, seed: 5), validation.Batches(8), resumeFrom: Path.Combine(folder, "epoch-0003.mtlckpt"));

            Assert.Equal(Weights(straight), Weights(resumed));
            Assert.Equal(Describe(expected), Describe(history));
            Assert.Equal([1, 2, 3, 4, 5, 6], history.Select(e => e.Epoch));
            Assert.Equal(6, resumedTrainer.CompletedEpochs);
        }

        [Fact]
        public void A_resumed_history_keeps_the_task_affinity_of_the_checkpointed_epochs()
        {
            var data = new TinyData(24, seed: 3);
            var affinity = new TaskAffinityOptions { Every = 2 };
            using var straight = Net("static", seed: 1);
            var expected = new TinyTrainer(straight, new TrainingOptions<TinyMetrics> { Epochs = 4, TaskAffinity = affinity, Callbacks = [new CheckpointCallback<TinyMetrics>(folder, every: 2)] })
                .Fit(data.Batches(8, shuffle: true));

            using var resumed = Net("static", seed: 2);
            var history = new TinyTrainer(resumed, new TrainingOptions<TinyMetrics> { Epochs = 4, TaskAffinity = affinity })
                .Fit(data.Batches(8, shuffle: true), resumeFrom: Path.Combine(folder, "epoch-0002.mtlckpt"));

            Assert.Equal(Weights(straight), Weights(resumed));
            for (var e = 0; e < 4; e++)
            {
                Assert.Equal(expected[e].TaskAffinity!.Lookahead, history[e].TaskAffinity!.Lookahead);
                Assert.Equal(expected[e].TaskAffinity!.GradientCosine, history[e].TaskAffinity!.GradientCosine);
                Assert.Equal(expected[e].TaskAffinity!.Measurements, history[e].TaskAffinity!.Measurements);
            }
        }

        [Fact]
        public void A_resumed_run_restores_the_early_stopping_state_and_best_weights()
        {
            var data = new TinyData(40, seed: 3);
            using var straight = Net("static", seed: 1, dropout: 0);
            TrainingOptions<TinyMetrics> Stopping(params TrainingCallback<TinyMetrics>[] callbacks) => new()
            {
                Epochs = 30,
                LearningRate = 0.1,
                Optimizer = OptimizerKind.Sgd,
                EarlyStopping = new(m => m.Class.Accuracy, HigherIsBetter: true, Patience: 3),
                Callbacks = callbacks,
            };
            var expected = new TinyTrainer(straight, Stopping(new CheckpointCallback<TinyMetrics>(folder, every: 1, keep: 10))).Fit(data.Batches(8));
            Assert.True(expected.StoppedEarly);
            var stoppedAt = expected[^1].Epoch;
            Assert.NotEqual(expected.BestEpoch, stoppedAt);

            using var resumed = Net("static", seed: 2, dropout: 0);
            var history = new TinyTrainer(resumed, Stopping())
                .Fit(data.Batches(8), resumeFrom: Path.Combine(folder, $"epoch-{stoppedAt - 1:D4}.mtlckpt"));

            Assert.Equal(expected.BestEpoch, history.BestEpoch);
            Assert.Equal(expected.StopReason, history.StopReason);
            Assert.Equal(Weights(straight), Weights(resumed));
        }

        [Fact]
        public void The_callback_keeps_the_last_files_and_the_best_by_its_metric()
        {
            var data = new TinyData(40, seed: 3);
            using var net = Net("static", seed: 1);
            var callback = new CheckpointCallback<TinyMetrics>(folder, every: 2, keep: 2, best: new(m => m.Class.Accuracy, HigherIsBetter: true));
            var history = new TinyTrainer(net, Options(OptimizerKind.Adam, 7, callback)).Fit(data.Batches(8, shuffle: true));

            Assert.Equal(["best.mtlckpt", "epoch-0004.mtlckpt", "epoch-0006.mtlckpt"], Directory.GetFiles(folder).Select(Path.GetFileName).Order());
            var bestEpoch = history.First(e => e.Train.Class.Accuracy == history.Max(h => h.Train.Class.Accuracy)).Epoch;
            Assert.Equal(bestEpoch, callback.BestEpoch);
            Assert.Contains($"\"epoch\": {bestEpoch},", Checkpoint.Describe(callback.BestPath), StringComparison.Ordinal);
            Assert.Equal(Path.Combine(folder, "epoch-0006.mtlckpt"), Checkpoint.Latest(folder));
            Assert.Null(Checkpoint.Latest(Path.Combine(folder, "none")));
        }

        [Fact]
        public void A_diverged_run_keeps_its_last_good_checkpoint()
        {
            var data = new TinyData(24, seed: 3);
            var nan = new TinyData(24, seed: 3);
            nan.Input.fill_(float.NaN);
            var path = Path.Combine(folder, "last.mtlckpt");
            var written = new List<byte[]>();
            using var net = Net("uncertainty", seed: 1);
            var batches = new PerEpochData<TinyBatch>(epoch => (epoch == 3 ? nan : data).Batches(8));
            var options = Options(OptimizerKind.Adam, 5, Callback.AtEpochEnd<TinyMetrics>(e => e.SaveCheckpoint(path, () => written.Add(File.ReadAllBytes(path)))));

            var error = Assert.Throws<TrainingDivergedException>(() => new TinyTrainer(net, options).Fit(batches));

            Assert.Equal(3, error.Epoch);
            Assert.Equal(2, written.Count);
            Assert.Equal(written[^1], File.ReadAllBytes(path));
            Assert.Contains("\"epoch\": 2,", Checkpoint.Describe(path), StringComparison.Ordinal);
        }

        [Fact]
        public void A_run_interrupted_by_a_callback_or_a_cancellation_keeps_its_last_good_checkpoint()
        {
            var data = new TinyData(24, seed: 3);
            using var net = Net("static", seed: 1);
            var failing = Callback.AtEpochEnd<TinyMetrics>(e =>
            {
                if (e.Epoch == 3)
                {
                    throw new InvalidOperationException("stopped by a callback");
                }
            });
            var checkpoints = new CheckpointCallback<TinyMetrics>(folder, every: 1, keep: 5);
            Assert.Throws<InvalidOperationException>(() => new TinyTrainer(net, Options(OptimizerKind.Adam, 5, checkpoints, failing)).Fit(data.Batches(8)));
            Assert.Equal(Path.Combine(folder, "epoch-0002.mtlckpt"), Checkpoint.Latest(folder));

            // Cancelled in the middle of epoch 4 of the resumed run: epoch 3 was the last complete one.
            var cancelled = new PerEpochData<TinyBatch>(epoch => epoch == 2 ? Cancelled(data.Batches(8)) : data.Batches(8));
            using var resumed = Net("static", seed: 2);
            Assert.Throws<OperationCanceledException>(() => new TinyTrainer(resumed, Options(OptimizerKind.Adam, 5, checkpoints)).Fit(cancelled, resumeFrom: Checkpoint.Latest(folder)));
            Assert.Equal(Path.Combine(folder, "epoch-0003.mtlckpt"), Checkpoint.Latest(folder));
            Assert.Contains("\"epoch\": 3,", Checkpoint.Describe(Checkpoint.Latest(folder)!), StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("truncated")]
        [InlineData("flipped")]
        [InlineData("model file")]
        public void A_damaged_checkpoint_is_refused_with_a_clear_error_and_changes_nothing(string damage)
        {
            var data = new TinyData(24, seed: 3);
            using var written = Net("uncertainty", seed: 1, dropout: 0);
            var path = Path.Combine(folder, "run.mtlckpt");
            new TinyTrainer(written, Options(OptimizerKind.Adam, 2, Callback.AtEpochEnd<TinyMetrics>(e => e.SaveCheckpoint(path)))).Fit(data.Batches(8));
            var bytes = File.ReadAllBytes(path);
            switch (damage)
            {
                case "truncated":
                    File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
                    break;
                case "flipped":
                    bytes[^40] ^= 1;
                    File.WriteAllBytes(path, bytes);
                    break;
                default:
                    ModelFile.Save(written, written.Tasks, path);
                    break;
            }

            // Two trainers alike; the one given the damaged file must go on exactly as the other.
            using var control = Net("uncertainty", seed: 5, dropout: 0);
            using var victim = Net("uncertainty", seed: 5, dropout: 0);
            var controlTrainer = new TinyTrainer(control, Options(OptimizerKind.Adam, 2));
            var victimTrainer = new TinyTrainer(victim, Options(OptimizerKind.Adam, 2));
            controlTrainer.Fit(data.Batches(8));
            victimTrainer.Fit(data.Batches(8));

            var error = Assert.Throws<ModelFileException>(() => victimTrainer.Fit(data.Batches(8), resumeFrom: path));

            Assert.Contains(path, error.Message, StringComparison.Ordinal);
            Assert.Contains(damage switch { "truncated" => "is truncated", "flipped" => "is corrupt: its checksum does not match", _ => "is not a MultiTask checkpoint" }, error.Message, StringComparison.Ordinal);
            Assert.Equal(Weights(control), Weights(victim));
            Assert.Equal(2, victimTrainer.CompletedEpochs);
            controlTrainer.Fit(data.Batches(8));
            victimTrainer.Fit(data.Batches(8));
            Assert.Equal(Weights(control), Weights(victim));
        }

        [Fact]
        public void A_checkpoint_of_another_architecture_or_optimizer_names_the_difference_and_changes_nothing()
        {
            var data = new TinyData(24, seed: 3);
            var path = Path.Combine(folder, "run.mtlckpt");
            using (var written = Net("static", seed: 1))
            {
                new TinyTrainer(written, Options(OptimizerKind.Adam, 1, Callback.AtEpochEnd<TinyMetrics>(e => e.SaveCheckpoint(path)))).Fit(data.Batches(8));
            }

            torch.manual_seed(1);
            using var wider = new TinyNet(hidden: 32);
            var before = Weights(wider);
            var shapes = Assert.Throws<ModelFileException>(() => new TinyTrainer(wider, Options(OptimizerKind.Adam, 1)).Fit(data.Batches(8), resumeFrom: path));
            Assert.Contains("'body.layers.0.weight': this model expects [32, 4] Float32, the file holds [16, 4] Float32", shapes.Message, StringComparison.Ordinal);
            Assert.Equal(before, Weights(wider));

            using var sgd = Net("static", seed: 2);
            before = Weights(sgd);
            var optimizer = Assert.Throws<ModelFileException>(() => new TinyTrainer(sgd, Options(OptimizerKind.Sgd, 1)).Fit(data.Batches(8), resumeFrom: path));
            Assert.Contains("it was written with the optimizer MultiTask.AdamOptimizer, this trainer has MultiTask.SgdOptimizer", optimizer.Message, StringComparison.Ordinal);
            Assert.Equal(before, Weights(sgd));
        }

        [Fact]
        public void A_part_that_refuses_its_state_puts_every_part_back_as_it_was()
        {
            var data = new TinyData(24, seed: 3);
            var path = Path.Combine(folder, "run.mtlckpt");
            using (var written = Net("dbmtl", seed: 1, dropout: 0))
            {
                new TinyTrainer(written, Options(OptimizerKind.Adam, 3, new Refusing(refuse: false), Callback.AtEpochEnd<TinyMetrics>(e => e.SaveCheckpoint(path)))).Fit(data.Batches(8));
            }

            // The weighting (DB-MTL's averages) and the schedule (ReduceOnPlateau's factor) are restored before the callbacks,
            // so the refusing callback comes after parts that had already changed.
            using var control = Net("dbmtl", seed: 5, dropout: 0);
            using var victim = Net("dbmtl", seed: 5, dropout: 0);
            var controlTrainer = new TinyTrainer(control, Options(OptimizerKind.Adam, 2, new Refusing(refuse: false)));
            var victimTrainer = new TinyTrainer(victim, Options(OptimizerKind.Adam, 2, new Refusing(refuse: true)));
            controlTrainer.Fit(data.Batches(8));
            victimTrainer.Fit(data.Batches(8));

            var error = Assert.Throws<ModelFileException>(() => victimTrainer.Fit(data.Batches(8), resumeFrom: path));

            Assert.Equal($"Cannot resume from the checkpoint '{path}' (epoch 3 of MultiTask.Tests.TinyNet): this callback refuses its state.", error.Message);
            var expected = controlTrainer.Fit(data.Batches(8));
            var history = victimTrainer.Fit(data.Batches(8));
            Assert.Equal(Weights(control), Weights(victim));
            Assert.Equal(Describe(expected), Describe(history));
        }

        [Fact]
        public void Batches_that_skip_orders_see_the_orders_that_enumerating_would_have_given()
        {
            var data = new TinyData(10, seed: 3);
            var enumerated = (InMemoryBatches<TinyBatch>)data.Batches(4, shuffle: true, seed: 9);
            var skipped = (InMemoryBatches<TinyBatch>)data.Batches(4, shuffle: true, seed: 9);
            for (var i = 0; i < 3; i++)
            {
                _ = enumerated.ToList();
            }

            skipped.SkipOrders(3);

            Assert.Equal(3, skipped.OrdersDrawn);
            Assert.Equal(enumerated.Select(b => Floats(b.Input)).SelectMany(f => f), skipped.Select(b => Floats(b.Input)).SelectMany(f => f));
        }

        /// <summary>A callback with a state of its own, which it refuses to load when told to.</summary>
        private sealed class Refusing(bool refuse) : TrainingCallback<TinyMetrics>
        {
            public override void SaveState(TrainingState state) => state.Set("value", 1.0);

            public override void LoadState(TrainingState state)
            {
                if (refuse)
                {
                    throw new ArgumentException("this callback refuses its state.");
                }
            }
        }

        private static IEnumerable<TinyBatch> Cancelled(IEnumerable<TinyBatch> batches)
        {
            foreach (var batch in batches.Take(1))
            {
                yield return batch;
            }

            throw new OperationCanceledException("cancelled");
        }

        /// <summary>Every epoch's number, losses, metrics, loss weights and learning rates, exactly (the wall time aside).</summary>
        private static List<string> Describe(TrainingHistory<TinyMetrics> history)
            => history.Select(e => string.Join(
                " ",
                [
                    e.Epoch.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    e.Train.ToString(),
                    e.Validation?.ToString() ?? "-",
                    .. e.LossWeights.Select(w => $"{w.Key}={w.Value:R}"),
                    .. e.LearningRates.Select(r => $"{r.Key}={r.Value:R}"),
                ])).ToList();
    }
}
