using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.Tests
{
    public class AutoencoderTests
    {
        [Fact]
        public void Encoder_and_decoder_have_pinned_keys_and_the_latent_width()
        {
            using var autoencoder = new AutoencoderTrunk(6, [5, 4], latent: 2, Activation.ReLU, dropout: 0.1);
            // encoder: Linear(0) ReLU(1) Dropout(2) Linear(3) ReLU(4) Dropout(5) Linear(6) ReLU(7) Dropout(8);
            // decoder: Linear(0) ReLU(1) Linear(2) ReLU(3) Linear(4)
            Assert.Equal(
                ["encoder.0.weight", "encoder.0.bias", "encoder.3.weight", "encoder.3.bias", "encoder.6.weight", "encoder.6.bias",
                 "decoder.0.weight", "decoder.0.bias", "decoder.2.weight", "decoder.2.bias", "decoder.4.weight", "decoder.4.bias"],
                autoencoder.state_dict().Keys.ToArray());
            Assert.Equal([4L, 2L], autoencoder.state_dict()["decoder.0.weight"].shape);
            Assert.Equal([6L, 5L], autoencoder.state_dict()["decoder.4.weight"].shape);
            Assert.Equal(2, autoencoder.OutputSize);
            Assert.Equal(6, autoencoder.InputSize);

            using var x = torch.randn(3, 6);
            using var latent = autoencoder.forward(x);
            Assert.Equal([3L, 2L], latent.shape);
            Assert.All(TestTensors.Floats(latent), v => Assert.True(v >= 0)); // the code is activated too
            var (code, reconstruction) = autoencoder.EncodeDecode(x);
            Assert.Equal([3L, 2L], code.shape);
            Assert.Equal([3L, 6L], reconstruction.shape);
            code.Dispose();
            reconstruction.Dispose();

            using var shallow = new AutoencoderTrunk(4, [], latent: 3, Activation.Tanh);
            Assert.Equal(["encoder.0.weight", "encoder.0.bias", "decoder.0.weight", "decoder.0.bias"], shallow.state_dict().Keys.ToArray());
            Assert.Throws<ArgumentOutOfRangeException>(() => new AutoencoderTrunk(4, [2], latent: 0, Activation.Tanh));
        }

        [Fact]
        public void Reconstruction_loss_is_the_mean_squared_error()
        {
            using var autoencoder = new AutoencoderTrunk(2, [], latent: 1, Activation.ReLU);
            using var input = torch.tensor(new float[,] { { 1, 2 }, { 3, 4 } });
            using var reconstruction = torch.tensor(new float[,] { { 1, 0 }, { 0, 4 } });
            using var loss = autoencoder.ReconstructionLoss(input, reconstruction);
            Assert.Equal((0 + 4 + 9 + 0) / 4.0, loss.ToDouble(), 6);
            using var wrong = torch.zeros(2, 3);
            Assert.Throws<ArgumentException>(() => autoencoder.ReconstructionLoss(input, wrong));
        }

        /// <summary>Rank-2 rows in 8 dimensions, split in batches of 32 (kept outside any dispose scope).</summary>
        private static List<Tensor> LowRankBatches()
        {
            var random = new Random(5);
            var basis = new double[2, 8];
            for (var i = 0; i < 2; i++)
            {
                for (var j = 0; j < 8; j++)
                {
                    basis[i, j] = random.NextDouble() * 2 - 1;
                }
            }

            var batches = new List<Tensor>();
            for (var b = 0; b < 4; b++)
            {
                var rows = new float[32, 8];
                for (var r = 0; r < 32; r++)
                {
                    var z0 = random.NextDouble() * 2 - 1;
                    var z1 = random.NextDouble() * 2 - 1;
                    for (var j = 0; j < 8; j++)
                    {
                        rows[r, j] = (float)((z0 * basis[0, j]) + (z1 * basis[1, j]));
                    }
                }

                batches.Add(torch.tensor(rows).DetachFromDisposeScope());
            }

            return batches;
        }

        private static TrainingOptions<RegressionMetrics> Pretraining(int epochs, double learningRate = 0.01, int seed = 3)
            => new() { Epochs = epochs, LearningRate = learningRate, Seed = seed };

        [Fact]
        public void Pretraining_on_unlabeled_rows_lowers_the_reconstruction_error_deterministically()
        {
            var batches = LowRankBatches();
            torch.manual_seed(1);
            using var autoencoder = new AutoencoderTrunk(8, [16], latent: 2, Activation.Tanh);
            var initial = TestTensors.Weights(autoencoder);
            autoencoder.eval();
            var history = AutoencoderPretraining.Run(autoencoder, batches, Pretraining(25), validation: batches[..1]);
            Assert.False(autoencoder.training);
            Assert.Equal(25, history.Count);
            Assert.Equal(Enumerable.Range(1, 25), history.Select(e => e.Epoch));
            var losses = history.Select(e => e.Train.Loss).ToArray();
            Assert.All(losses, l => Assert.True(double.IsFinite(l)));
            Assert.True(losses[^1] < losses[0] * 0.2, $"first epoch {losses[0]}, last {losses[^1]}");
            Assert.Equal(AutoencoderPretraining.TaskName, history[^1].Train.Task);
            Assert.True(history[^1].Validation!.R2 > 0.9, $"validation R2 {history[^1].Validation!.R2}");

            // Evaluated afterwards, independently of the trainer: the error on the data is far below the untrained model's.
            using var untrained = Load(new AutoencoderTrunk(8, [16], latent: 2, Activation.Tanh), initial);
            Assert.True(Error(autoencoder, batches[0]) < Error(untrained, batches[0]) * 0.2);
            Assert.Equal(Error(autoencoder, batches[0]), history[^1].Validation!.Loss, 5);

            using var again = Load(new AutoencoderTrunk(8, [16], latent: 2, Activation.Tanh), initial);
            Assert.Equal(losses, AutoencoderPretraining.Run(again, batches, Pretraining(25)).Select(e => e.Train.Loss));

            Assert.Throws<InvalidOperationException>(() => AutoencoderPretraining.Run(again, [], Pretraining(1)));
            Dispose(batches);
        }

        [Fact]
        public void Pretraining_matches_a_hand_written_Adam_loop_on_the_reconstruction_error()
        {
            var batches = LowRankBatches();
            torch.manual_seed(2);
            using var engine = new AutoencoderTrunk(8, [6], latent: 2, Activation.ReLU);
            var initial = TestTensors.Weights(engine);
            using var byHand = Load(new AutoencoderTrunk(8, [6], latent: 2, Activation.ReLU), initial);

            var history = AutoencoderPretraining.Run(engine, batches, Pretraining(3, learningRate: 0.005));

            using var adam = torch.optim.Adam(byHand.parameters(), lr: 0.005);
            var means = new List<double>();
            for (var epoch = 0; epoch < 3; epoch++)
            {
                double sum = 0;
                foreach (var batch in batches)
                {
                    using var scope = torch.NewDisposeScope();
                    var (_, reconstruction) = byHand.EncodeDecode(batch);
                    var loss = byHand.ReconstructionLoss(batch, reconstruction);
                    adam.zero_grad();
                    loss.backward();
                    adam.step();
                    sum += loss.ToDouble();
                }

                means.Add(sum / batches.Count);
            }

            Assert.Equal(means.Count, history.Count);
            for (var e = 0; e < means.Count; e++)
            {
                Assert.Equal(means[e], history[e].Train.Loss, 5);
            }

            var expected = TestTensors.Weights(byHand);
            foreach (var (key, values) in TestTensors.Weights(engine))
            {
                Assert.All(values.Zip(expected[key]), p => Assert.Equal(p.Second, p.First, 4));
            }

            Dispose(batches);
        }

        [Fact]
        public void Pretraining_uses_the_options_optimizer_and_the_components_rate_and_names_a_bad_batch()
        {
            var batches = LowRankBatches();
            using var autoencoder = new AutoencoderTrunk(8, [4], latent: 2, Activation.ReLU);
            var options = new TrainingOptions<RegressionMetrics> { Epochs = 2, Optimizer = OptimizerKind.Sgd, LearningRate = 0.1, Schedule = LearningRateSchedule.Exponential(0.5) };

            var history = AutoencoderPretraining.Run(autoencoder, batches, options, new ComponentOptions { LearningRate = 0.02 });

            Assert.Equal([0.02, 0.01], history.Select(e => e.LearningRates[AutoencoderPretraining.Group]).ToArray());
            using var narrow = torch.zeros(4, 7);
            var error = Assert.Throws<ArgumentException>(() => AutoencoderPretraining.Run(autoencoder, [narrow], options));
            Assert.Contains("[N, 8], got [4, 7]", error.Message);
            Dispose(batches);
        }

        [Fact]
        public void Pretraining_that_diverges_stops_and_restores_the_last_good_weights()
        {
            using var autoencoder = new AutoencoderTrunk(3, [], latent: 1, Activation.Tanh);
            var before = TestTensors.Weights(autoencoder);
            using var nan = torch.full(4, 3, double.NaN);

            Assert.Throws<TrainingDivergedException>(() => AutoencoderPretraining.Run(autoencoder, [nan], Pretraining(2)));

            Assert.True(TestTensors.SameWeights(before, TestTensors.Weights(autoencoder)));
        }

        [Fact]
        public void Pretraining_a_one_column_autoencoder_reconstructs_that_column()
        {
            using var autoencoder = new AutoencoderTrunk(1, [4], latent: 2, Activation.Tanh);
            using var column = torch.linspace(-1, 1, 16).reshape(16, 1);
            var history = AutoencoderPretraining.Run(autoencoder, [column], Pretraining(30, learningRate: 0.05));
            Assert.True(history[^1].Train.Loss < history[0].Train.Loss * 0.5, $"{history[0].Train.Loss} -> {history[^1].Train.Loss}");
            Assert.Equal(16, history[^1].Train.Count);
        }

        private static AutoencoderTrunk Load(AutoencoderTrunk autoencoder, Dictionary<string, float[]> weights)
        {
            autoencoder.load_state_dict(weights.ToDictionary(kv => kv.Key, kv => torch.tensor(kv.Value).reshape(autoencoder.state_dict()[kv.Key].shape)));
            return autoencoder;
        }

        private static void Dispose(List<Tensor> batches)
        {
            foreach (var batch in batches)
            {
                batch.Dispose();
            }
        }

        private static double Error(AutoencoderTrunk autoencoder, Tensor input)
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            var (_, reconstruction) = autoencoder.EncodeDecode(input);
            return autoencoder.ReconstructionLoss(input, reconstruction).ToDouble();
        }

        [Fact]
        public void Pretraining_keeps_the_live_tensor_count_flat_and_leaves_the_autoencoder_usable()
        {
            var batches = LowRankBatches();
            using var autoencoder = new AutoencoderTrunk(8, [4], latent: 2, Activation.ReLU);
            AutoencoderPretraining.Run(autoencoder, batches, Pretraining(1, seed: 0));
            var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
            AutoencoderPretraining.Run(autoencoder, batches, Pretraining(3, seed: 0));
            Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
            Assert.True(double.IsFinite(Error(autoencoder, batches[0])));
            Dispose(batches);
        }
    }
}
