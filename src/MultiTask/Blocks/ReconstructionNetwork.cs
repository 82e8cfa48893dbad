using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// An <see cref="AutoencoderTrunk"/> seen by the trainer as a network of one task, <see cref="AutoencoderPretraining.TaskName"/>: the mean squared
    /// error between each unlabeled input row and its reconstruction (the autoencoder's <see cref="AutoencoderTrunk.ReconstructionLoss"/>).
    /// It borrows the autoencoder, which the model that declared it keeps owning: it is never disposed (a module disposes its
    /// submodules), so <see cref="ReleaseWeighting"/> frees what it owns, and its own module handle goes with the collector.
    /// </summary>
    internal sealed class ReconstructionNetwork : nn.Module, IMultiTaskNetwork<Tensor>
    {
        private readonly AutoencoderTrunk autoencoder;
        private readonly RegressionTask task;
        private readonly StaticWeighting weighting;

        /// <summary>Wraps <paramref name="autoencoder"/>.</summary>
        public ReconstructionNetwork(AutoencoderTrunk autoencoder)
            : base(nameof(ReconstructionNetwork))
        {
            ArgumentNullException.ThrowIfNull(autoencoder);
            this.autoencoder = autoencoder;
            task = new RegressionTask(AutoencoderPretraining.TaskName, autoencoder.InputSize);
            Tasks = [task];
            weighting = new StaticWeighting(Tasks);
            Parts = new ModelParts([], [autoencoder]);
            RegisterComponents();
        }

        /// <summary>The autoencoder being trained.</summary>
        public AutoencoderTrunk Autoencoder => autoencoder;

        /// <summary>The one task, <see cref="AutoencoderPretraining.TaskName"/>.</summary>
        public RegressionTask Reconstruction => task;

        /// <inheritdoc />
        public IReadOnlyList<TaskDefinition> Tasks { get; }

        /// <inheritdoc />
        public LossWeighting Weighting => weighting;

        /// <summary>Nothing is shared: the autoencoder is the one task's own.</summary>
        public ModelParts Parts { get; }

        /// <summary>Encodes and decodes <paramref name="batch"/> <c>[N, InputSize]</c>; the target is the batch itself.</summary>
        /// <exception cref="ArgumentException">The batch is not <c>[N, InputSize]</c>.</exception>
        public TaskStep Step(Tensor batch)
        {
            ArgumentNullException.ThrowIfNull(batch, nameof(batch));
            if (batch.dim() != 2 || batch.size(1) != autoencoder.InputSize)
            {
                throw new ArgumentException(
                    $"Pre-training the autoencoder: expected unlabeled rows of shape [N, {autoencoder.InputSize}], got {Shapes.Format(batch)}.", nameof(batch));
            }

            var (_, reconstruction) = autoencoder.EncodeDecode(batch);
            var (output, target) = task.Outputs == 1 ? (reconstruction.squeeze(1), batch.squeeze(1)) : (reconstruction, batch);
            TaskTarget labels = target;
            var loss = task.Loss(output, labels);
            return new TaskStep(loss, [loss], [output], [labels]);
        }

        /// <summary>Frees the weighting's constant; the network is not used afterwards.</summary>
        public void ReleaseWeighting() => weighting.Dispose();

        /// <inheritdoc />
        public Tensor ToDevice(Tensor batch, Device device)
        {
            ArgumentNullException.ThrowIfNull(batch);
            return batch.to(device);
        }
    }
}
