using System;
using System.Collections.Generic;
using TorchSharp;

namespace MultiTask
{
    /// <summary>Settings of a training run.</summary>
    /// <typeparam name="TMetrics">The model's metrics record.</typeparam>
    public class TrainingOptions<TMetrics>
    {
        /// <summary>Default settings.</summary>
        public TrainingOptions()
        {
        }

        /// <summary>A copy of <paramref name="settings"/> (for a generated model's options made from generic ones).</summary>
        protected TrainingOptions(TrainingOptions<TMetrics> settings)
        {
            ArgumentNullException.ThrowIfNull(settings);
            Epochs = settings.Epochs;
            LearningRate = settings.LearningRate;
            WeightDecay = settings.WeightDecay;
            Optimizer = settings.Optimizer;
            Momentum = settings.Momentum;
            GradientClipNorm = settings.GradientClipNorm;
            Seed = settings.Seed;
            Schedule = settings.Schedule;
            Device = settings.Device;
            ExplosionFactor = settings.ExplosionFactor;
            LossWeighting = settings.LossWeighting;
            EarlyStopping = settings.EarlyStopping;
            Callbacks = settings.Callbacks;
            Progress = settings.Progress;
            StepProgress = settings.StepProgress;
            StepProgressInterval = settings.StepProgressInterval;
            CollectAfterEpoch = settings.CollectAfterEpoch;
            TaskAffinity = settings.TaskAffinity;
        }

        /// <summary>Number of epochs (passes over the training data) of each <c>Fit</c> call.</summary>
        public int Epochs { get; init; } = 10;

        /// <summary>Learning rate of every component without its own.</summary>
        public double LearningRate { get; init; } = 1e-3;

        /// <summary>Weight decay of every component without its own.</summary>
        public double WeightDecay { get; init; }

        /// <summary>The optimizer.</summary>
        public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

        /// <summary>Momentum of <see cref="OptimizerKind.Sgd"/>.</summary>
        public double Momentum { get; init; } = 0.9;

        /// <summary>Maximum global L2 norm of the gradients, or null for no clipping.</summary>
        public double? GradientClipNorm { get; init; }

        /// <summary>Seed of <c>torch.manual_seed</c> at the start of the trainer's first <c>Fit</c> (dropout and other random operations); a resumed <c>Fit</c> restores the checkpoint's generator instead.</summary>
        public int Seed { get; init; }

        /// <summary>
        /// A learning-rate schedule (<see cref="LearningRateSchedule.Cosine"/>, <see cref="LearningRateSchedule.Step"/>, ...), or
        /// null for constant rates. It multiplies every parameter group's own rate, so per-component rates keep their ratios.
        /// </summary>
        public LearningRateSchedule? Schedule { get; init; }

        /// <summary>The device to train on (the model, its loss weighting and every batch are moved there), or null to leave everything where it is.</summary>
        public torch.Device? Device { get; init; }

        /// <summary>
        /// The run diverges when an epoch's mean training loss is over this many times the first batch's loss (beside any NaN or
        /// infinite loss); null checks for NaN and infinity only. Default 1000.
        /// </summary>
        public double? ExplosionFactor { get; init; } = 1000;

        /// <summary>Optimizer settings of the loss weighting's own parameters (uncertainty weighting's log-variances, ...).</summary>
        public ComponentOptions LossWeighting { get; init; } = new();

        /// <summary>Early stopping, or null to train every epoch.</summary>
        public EarlyStopping<TMetrics>? EarlyStopping { get; init; }

        /// <summary>The user's callbacks, called in order after the built-in ones.</summary>
        public IReadOnlyList<TrainingCallback<TMetrics>> Callbacks { get; init; } = [];

        /// <summary>Receives each epoch's result, synchronously, before the next epoch starts.</summary>
        public IProgress<EpochResult<TMetrics>>? Progress { get; init; }

        /// <summary>Receives the loss every <see cref="StepProgressInterval"/> steps (the only per-step host sync).</summary>
        public IProgress<StepProgress>? StepProgress { get; init; }

        /// <summary>Steps between two <see cref="StepProgress"/> reports.</summary>
        public int StepProgressInterval { get; init; } = 50;

        /// <summary>
        /// Runs a young-generation garbage collection after every epoch (default true; well under a millisecond). Every
        /// training step allocates small managed wrappers of native objects; collecting them once per epoch keeps the
        /// process's resident memory flat instead of letting the .NET heap and the native allocator grow to a larger steady
        /// state (measured in docs/performance.md).
        /// </summary>
        public bool CollectAfterEpoch { get; init; } = true;

        /// <summary>
        /// Options for <paramref name="epochs"/> epochs of <see cref="AutoencoderPretraining"/> with these options' optimizer,
        /// rate, weight decay, momentum, clipping, divergence check, seed, device and collection. The schedule, early stopping,
        /// callbacks and progress are not carried: they were set for this model's epochs and metrics.
        /// </summary>
        public TrainingOptions<RegressionMetrics> ForPretraining(int epochs) => new()
        {
            Epochs = epochs,
            LearningRate = LearningRate,
            WeightDecay = WeightDecay,
            Optimizer = Optimizer,
            Momentum = Momentum,
            GradientClipNorm = GradientClipNorm,
            Seed = Seed,
            Device = Device,
            ExplosionFactor = ExplosionFactor,
            CollectAfterEpoch = CollectAfterEpoch,
        };

        /// <summary>
        /// Measures the inter-task affinity while training (TAG's lookahead and the gradient cosines on the shared parameters,
        /// <see cref="MultiTask.TaskAffinity"/> in each epoch's result), or null (the default) not to. Costs, every
        /// <see cref="TaskAffinityOptions.Every"/> steps, one gradient and one forward pass per task (docs/task-selection.md).
        /// </summary>
        public TaskAffinityOptions? TaskAffinity { get; init; }

        /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
        internal void Validate()
        {
            if (Epochs < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Epochs cannot be negative.");
            }

            if (StepProgressInterval <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(StepProgressInterval), StepProgressInterval, "StepProgressInterval must be positive.");
            }

            if (GradientClipNorm is { } clip && !(clip > 0))
            {
                throw new ArgumentOutOfRangeException(nameof(GradientClipNorm), clip, "GradientClipNorm must be positive.");
            }

            if (EarlyStopping is { Patience: < 0 })
            {
                throw new ArgumentOutOfRangeException(nameof(EarlyStopping), EarlyStopping.Patience, "Patience cannot be negative.");
            }

            if (ExplosionFactor is { } factor && !(factor > 1))
            {
                throw new ArgumentOutOfRangeException(nameof(ExplosionFactor), factor, "ExplosionFactor must be greater than 1.");
            }

            ArgumentNullException.ThrowIfNull(Callbacks, nameof(Callbacks));
        }
    }
}
