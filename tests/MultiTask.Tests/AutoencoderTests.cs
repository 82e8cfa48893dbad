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

        [Fact]
        public void Pretraining_on_unlabeled_rows_lowers_the_reconstruction_error_deterministically()
        {
            var batches = LowRankBatches();
            torch.manual_seed(1);
            using var autoencoder = new AutoencoderTrunk(8, [16], latent: 2, Activation.Tanh);
            var initial = TestTensors.Weights(autoencoder);
            autoencoder.eval();
            var losses = AutoencoderPretraining.Run(autoencoder, batches, epochs: 25, learningRate: 0.01, seed: 3);
            Assert.False(autoencoder.training);
            Assert.Equal(25, losses.Count);
            Assert.All(losses, l => Assert.True(double.IsFinite(l)));
            Assert.True(losses[^1] < losses[0] * 0.2, $"first epoch {losses[0]}, last {losses[^1]}");

            // Evaluated afterwards: the error on the data is far below the untrained model's.
            using var untrained = new AutoencoderTrunk(8, [16], latent: 2, Activation.Tanh);
            untrained.load_state_dict(initial.ToDictionary(kv => kv.Key, kv => torch.tensor(kv.Value).reshape(autoencoder.state_dict()[kv.Key].shape)));
            Assert.True(Error(autoencoder, batches[0]) < Error(untrained, batches[0]) * 0.2);

            using var again = new AutoencoderTrunk(8, [16], latent: 2, Activation.Tanh);
            again.load_state_dict(initial.ToDictionary(kv => kv.Key, kv => torch.tensor(kv.Value).reshape(autoencoder.state_dict()[kv.Key].shape)));
            Assert.Equal(losses, AutoencoderPretraining.Run(again, batches, epochs: 25, learningRate: 0.01, seed: 3));

            Assert.Throws<ArgumentException>(() => AutoencoderPretraining.Run(again, [], epochs: 1, learningRate: 0.01, seed: 3));
            Assert.Throws<ArgumentOutOfRangeException>(() => AutoencoderPretraining.Run(again, batches, epochs: 0, learningRate: 0.01, seed: 3));
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
        public void Pretraining_keeps_the_live_tensor_count_flat()
        {
            var batches = LowRankBatches();
            using var autoencoder = new AutoencoderTrunk(8, [4], latent: 2, Activation.ReLU);
            AutoencoderPretraining.Run(autoencoder, batches, epochs: 1, learningRate: 0.01, seed: 0);
            var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
            AutoencoderPretraining.Run(autoencoder, batches, epochs: 3, learningRate: 0.01, seed: 0);
            Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
            foreach (var batch in batches)
            {
                batch.Dispose();
            }
        }
    }
}
