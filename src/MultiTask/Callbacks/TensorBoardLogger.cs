using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// Writes TensorBoard event files (TorchSharp's <c>SummaryWriter</c>) into <see cref="LogDirectory"/>: after every epoch, each
    /// <see cref="EpochScalars"/> tag at step = the epoch number (per-task training and validation losses and metrics, the
    /// applied loss weights, every parameter group's learning rate, the epoch's seconds); with <see cref="StepInterval"/>, the
    /// training losses every that many steps (<c>step/loss</c>, <c>step/{Task}</c>, at step = the step count, one host sync
    /// each time); with <see cref="Histograms"/>, after every epoch the values and the last step's gradients of every shared
    /// parameter (<c>weights/{name}</c>, <c>gradients/{name}</c>, named as in the state dict). Each event is appended and
    /// flushed as it is written. View with <c>tensorboard --logdir DIR</c>.
    /// </summary>
    /// <typeparam name="TMetrics">The model's metrics record.</typeparam>
    public sealed class TensorBoardLogger<TMetrics> : TrainingCallback<TMetrics>
    {
        private readonly SummaryWriter writer;
        private (string Name, Parameter Parameter)[] shared = [];
        private IReadOnlyList<string> tasks = [];

        /// <summary>Creates the event file in <paramref name="logDirectory"/> (created when missing).</summary>
        public TensorBoardLogger(string logDirectory)
        {
            ArgumentException.ThrowIfNullOrEmpty(logDirectory);
            writer = torch.utils.tensorboard.SummaryWriter(logDirectory);
        }

        /// <summary>The folder of the event file.</summary>
        public string LogDirectory => writer.LogDir;

        /// <summary>Whether to write histograms of the shared parameters and their gradients after every epoch (default false).</summary>
        public bool Histograms { get; init; }

        /// <summary>Steps between two per-step loss records, or null (the default) for epoch records only.</summary>
        public int? StepInterval
        {
            get;
            init => field = value is null or > 0 ? value : throw new ArgumentOutOfRangeException(nameof(StepInterval), value, "StepInterval must be positive.");
        }

        /// <inheritdoc />
        public override void OnFitStart(FitStart<TMetrics> fit)
        {
            ArgumentNullException.ThrowIfNull(fit);
            var handles = fit.Parts.SharedParameters().Select(p => p.Handle).ToHashSet();
            shared = fit.Model.named_parameters().Where(p => handles.Contains(p.parameter.Handle)).Select(p => (p.name, p.parameter)).ToArray();
            tasks = fit.Tasks.Select(t => t.Name).ToArray();
        }

        /// <inheritdoc />
        public override void OnStepEnd(StepEnd step)
        {
            ArgumentNullException.ThrowIfNull(step);
            if (StepInterval is not { } interval || step.Step % interval != 0)
            {
                return;
            }

            var global = checked((int)step.Step);
            writer.add_scalar("step/loss", step.Losses.Total.ToSingle(), global);
            for (var i = 0; i < tasks.Count; i++)
            {
                if (step.Losses.IsPresent(i))
                {
                    writer.add_scalar($"step/{tasks[i]}", step.Losses.Losses[i].ToSingle(), global);
                }
            }
        }

        /// <inheritdoc />
        public override void OnEpochEnd(EpochEnd<TMetrics> epoch)
        {
            ArgumentNullException.ThrowIfNull(epoch);
            foreach (var (tag, value) in EpochScalars.Of(epoch.Result))
            {
                writer.add_scalar(tag, (float)value, epoch.Epoch);
            }

            if (Histograms)
            {
                WriteHistograms(epoch.Epoch);
            }
        }

        private void WriteHistograms(int epoch)
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            foreach (var (name, parameter) in shared)
            {
                writer.add_histogram($"weights/{name}", parameter.detach().cpu().to(ScalarType.Float64), epoch);
                if (parameter.grad is { } gradient)
                {
                    writer.add_histogram($"gradients/{name}", gradient.detach().cpu().to(ScalarType.Float64), epoch);
                }
            }
        }
    }
}
