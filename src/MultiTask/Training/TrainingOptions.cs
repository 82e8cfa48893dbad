using System;

namespace MultiTask
{
    /// <summary>Settings of a training run.</summary>
    /// <typeparam name="TMetrics">The model's metrics record.</typeparam>
    public class TrainingOptions<TMetrics>
    {
        /// <summary>Number of epochs (passes over the training data).</summary>
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

        /// <summary>Seed of <c>torch.manual_seed</c> at the start of <c>Fit</c> (dropout and other random operations).</summary>
        public int Seed { get; init; }

        /// <summary>Early stopping, or null to train every epoch.</summary>
        public EarlyStopping<TMetrics>? EarlyStopping { get; init; }

        /// <summary>Receives each epoch's result.</summary>
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
    }
}
