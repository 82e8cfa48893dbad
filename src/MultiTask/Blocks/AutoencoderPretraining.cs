using System;
using System.Collections.Generic;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// Pre-trains an <see cref="AutoencoderTrunk"/> on rows without any task label, before the joint phase: the runtime's
    /// <see cref="AdamOptimizer"/> (as the trainer's; it leaves nothing to the finalizer) on the encoder and decoder,
    /// minimizing the reconstruction loss. Every step runs in its own dispose scope; the loss stays on
    /// the device until the end of the epoch, so the only host sync is the epoch mean.
    /// </summary>
    public static class AutoencoderPretraining
    {
        /// <summary>Trains <paramref name="autoencoder"/> and returns the row-weighted mean reconstruction loss of each epoch.</summary>
        /// <param name="autoencoder">The autoencoder to train (left in the training mode it had before).</param>
        /// <param name="unlabeledBatches">Input batches <c>[B, InputSize]</c>, enumerated once per epoch; tensors made in <c>MoveNext</c> belong to the step's scope.</param>
        /// <param name="epochs">Number of passes over the batches.</param>
        /// <param name="learningRate">Adam's learning rate.</param>
        /// <param name="seed">Seed of torch's generator (dropout).</param>
        /// <param name="device">The device to train on (the autoencoder and every batch are moved there), or null for where they are.</param>
        public static IReadOnlyList<double> Run(AutoencoderTrunk autoencoder, IEnumerable<Tensor> unlabeledBatches, int epochs, double learningRate, int seed, Device? device = null)
        {
            ArgumentNullException.ThrowIfNull(autoencoder);
            ArgumentNullException.ThrowIfNull(unlabeledBatches);
            if (epochs <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "The number of epochs must be positive.");
            }

            if (!(learningRate > 0) || double.IsInfinity(learningRate))
            {
                throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate must be positive and finite.");
            }

            if (device is not null)
            {
                autoencoder.to(device);
            }

            torch.manual_seed(seed);
            var wasTraining = autoencoder.training;
            autoencoder.train();
            using var optimizer = new AdamOptimizer(autoencoder.parameters(), learningRate);
            var means = new List<double>(epochs);
            try
            {
                for (var epoch = 0; epoch < epochs; epoch++)
                {
                    means.Add(Epoch(autoencoder, unlabeledBatches, optimizer, device));
                }
            }
            finally
            {
                autoencoder.train(wasTraining);
            }

            return means;
        }

        private static double Epoch(AutoencoderTrunk autoencoder, IEnumerable<Tensor> batches, torch.optim.Optimizer optimizer, Device? device)
        {
            Tensor? sum = null;
            long rows = 0;
            try
            {
                using var enumerator = batches.GetEnumerator();
                while (true)
                {
                    using var scope = torch.NewDisposeScope();
                    if (!enumerator.MoveNext())
                    {
                        break;
                    }

                    var input = enumerator.Current ?? throw new ArgumentException("A batch of unlabeled rows is null.", nameof(batches));
                    if (device is not null)
                    {
                        input = input.to(device);
                    }

                    var batchRows = input.size(0);
                    if (batchRows == 0)
                    {
                        continue;
                    }

                    var (_, reconstruction) = autoencoder.EncodeDecode(input);
                    var loss = autoencoder.ReconstructionLoss(input, reconstruction);
                    optimizer.zero_grad();
                    loss.backward();
                    optimizer.step();
                    using (torch.no_grad())
                    {
                        var weighted = loss.detach().to(ScalarType.Float64).mul(batchRows);
                        if (sum is null)
                        {
                            sum = weighted.DetachFromDisposeScope();
                        }
                        else
                        {
                            sum.add_(weighted, Scalars.One);
                        }
                    }

                    rows += batchRows;
                }

                if (sum is null)
                {
                    throw new ArgumentException("Pre-training needs at least one unlabeled row per epoch; the batches were empty.", "unlabeledBatches");
                }

                return sum.ToDouble() / rows;
            }
            finally
            {
                sum?.Dispose();
            }
        }
    }
}
