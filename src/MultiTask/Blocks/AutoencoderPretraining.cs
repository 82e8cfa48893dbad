using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// Pre-trains an <see cref="AutoencoderTrunk"/> on rows without any task label, before the joint phase, through the same
    /// engine as the joint training (<see cref="MultiTaskTrainer{TModel, TBatch, TMetrics}"/> over the autoencoder seen as a network
    /// of one task, <see cref="TaskName"/>, whose target is the input row): the options' optimizer, clipping, schedule, divergence
    /// guard, early stopping and callbacks all apply, and the history holds the reconstruction's loss (the mean squared error
    /// of <see cref="AutoencoderTrunk.ReconstructionLoss"/>), RMSE, MAE and R² per epoch. The encoder and the decoder are one
    /// parameter group, <see cref="Group"/>.
    /// </summary>
    public static class AutoencoderPretraining
    {
        /// <summary>The name of the one task in the history's metrics.</summary>
        public const string TaskName = "Reconstruction";

        /// <summary>The name of the one optimizer group (<see cref="EpochResult{TMetrics}.LearningRates"/>).</summary>
        public const string Group = "Autoencoder";

        /// <summary>
        /// Pre-trains <paramref name="autoencoder"/> for <c>options.Epochs</c> epochs and leaves it in the training mode it had
        /// before; <paramref name="component"/> overrides the options' rate and weight decay. Each batch of
        /// <paramref name="unlabeledInputs"/> and <paramref name="validation"/> is <c>[N, InputSize]</c>.
        /// </summary>
        /// <exception cref="TrainingDivergedException">A loss stopped being finite or exploded; the last good weights are restored.</exception>
        public static TrainingHistory<RegressionMetrics> Run(
            AutoencoderTrunk autoencoder,
            IEnumerable<Tensor> unlabeledInputs,
            TrainingOptions<RegressionMetrics> options,
            ComponentOptions? component = null,
            IEnumerable<Tensor>? validation = null)
        {
            ArgumentNullException.ThrowIfNull(autoencoder);
            var wasTraining = autoencoder.training;
            var network = new ReconstructionNetwork(autoencoder);
            try
            {
                using var trainer = new Trainer(network, options, component ?? new ComponentOptions());
                return trainer.Fit(unlabeledInputs, validation);
            }
            finally
            {
                network.ReleaseWeighting();
                autoencoder.train(wasTraining);
            }
        }

        private sealed class Trainer(ReconstructionNetwork network, TrainingOptions<RegressionMetrics> options, ComponentOptions component)
            : MultiTaskTrainer<ReconstructionNetwork, Tensor, RegressionMetrics>(network, options, [new Component(Group, network.Autoencoder, component)])
        {
            protected override RegressionMetrics ToMetrics(EvaluationResult result) => Model.Reconstruction.MetricsIn(result);
        }
    }
}
