using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// Trains and evaluates a multi-task model: one optimizer parameter group per component, every step in its own dispose
    /// scope, per-task metrics collected on the device and copied to the host once per epoch, early stopping, gradient
    /// clipping and divergence detection.
    /// </summary>
    /// <typeparam name="TModel">The model.</typeparam>
    /// <typeparam name="TBatch">The model's batch type.</typeparam>
    /// <typeparam name="TMetrics">The model's typed metrics record.</typeparam>
    public abstract class MultiTaskTrainer<TModel, TBatch, TMetrics> : IDisposable
        where TModel : nn.Module, IMultiTaskNetwork<TBatch>
    {
        private readonly Parameter[] parameters;
        private bool disposed;

        /// <summary>Builds the optimizer for <paramref name="model"/> with one parameter group per component.</summary>
        protected MultiTaskTrainer(TModel model, TrainingOptions<TMetrics> options, IReadOnlyList<Component> components)
        {
            ArgumentNullException.ThrowIfNull(model);
            ArgumentNullException.ThrowIfNull(options);
            ArgumentNullException.ThrowIfNull(components);
            if (options.Epochs < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(options), options.Epochs, "Epochs cannot be negative.");
            }

            if (options.StepProgressInterval <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(options), options.StepProgressInterval, "StepProgressInterval must be positive.");
            }

            if (options.GradientClipNorm is { } clip && !(clip > 0))
            {
                throw new ArgumentOutOfRangeException(nameof(options), clip, "GradientClipNorm must be positive.");
            }

            if (options.EarlyStopping is { Patience: < 0 })
            {
                throw new ArgumentOutOfRangeException(nameof(options), options.EarlyStopping.Patience, "Patience cannot be negative.");
            }

            Model = model;
            Options = options;
            Components = components;
            parameters = model.parameters().ToArray();
            Optimizer = OptimizerFactory.Create(model, components, options);
        }

        /// <summary>The model being trained.</summary>
        public TModel Model { get; }

        /// <summary>The training options.</summary>
        public TrainingOptions<TMetrics> Options { get; }

        /// <summary>The components, in the order of the optimizer's parameter groups.</summary>
        public IReadOnlyList<Component> Components { get; }

        /// <summary>The optimizer: group i belongs to component i; a last group holds any parameter outside every component.</summary>
        public torch.optim.Optimizer Optimizer { get; }

        /// <summary>
        /// Trains for <see cref="TrainingOptions{TMetrics}.Epochs"/> epochs (fewer with early stopping), evaluating on
        /// <paramref name="validation"/> after each epoch. Throws <see cref="TrainingDivergedException"/> when a loss stops being finite.
        /// </summary>
        public TrainingHistory<TMetrics> Fit(IEnumerable<TBatch> train, IEnumerable<TBatch>? validation = null)
        {
            ArgumentNullException.ThrowIfNull(train);
            ObjectDisposedException.ThrowIf(disposed, this);
            torch.manual_seed(Options.Seed);
            var history = new TrainingHistory<TMetrics>();
            var stopping = Options.EarlyStopping;
            using var lastFinite = new WeightSnapshot(Model);
            WeightSnapshot? best = null;
            double? bestValue = null;
            var epochsWithoutImprovement = 0;
            long step = 0;
            try
            {
                for (var epoch = 1; epoch <= Options.Epochs; epoch++)
                {
                    var clock = Stopwatch.StartNew();
                    var (trainResult, trainDiverged) = TrainEpoch(train, epoch, ref step);
                    CheckFinite(trainResult, trainDiverged, epoch, lastFinite);
                    EvaluationResult? validationResult = null;
                    if (validation is not null)
                    {
                        string? validationDiverged;
                        (validationResult, validationDiverged) = Run(validation);
                        CheckFinite(validationResult, validationDiverged, epoch, lastFinite);
                    }

                    lastFinite.Update(Model, epoch);
                    var trainMetrics = ToMetrics(trainResult);
                    var validationMetrics = validationResult is null ? default : ToMetrics(validationResult);
                    var result = new EpochResult<TMetrics>(epoch, trainMetrics, validationMetrics, clock.Elapsed);
                    history.Add(result);
                    Options.Progress?.Report(result);
                    if (Options.CollectAfterEpoch)
                    {
                        GC.Collect(0, GCCollectionMode.Forced, blocking: true);
                    }

                    if (stopping is null)
                    {
                        continue;
                    }

                    var value = stopping.Monitor(validationResult is null ? trainMetrics : validationMetrics!);
                    if (Improves(stopping, value, bestValue))
                    {
                        bestValue = value;
                        history.BestEpoch = epoch;
                        epochsWithoutImprovement = 0;
                        if (stopping.RestoreBestWeights)
                        {
                            best ??= new WeightSnapshot(Model);
                            best.Update(Model, epoch);
                        }
                    }
                    else if (++epochsWithoutImprovement >= stopping.Patience)
                    {
                        history.StoppedEarly = epoch < Options.Epochs;
                        break;
                    }
                }

                if (best is not null && history.Count > 0 && best.Epoch != history[history.Count - 1].Epoch)
                {
                    best.Restore(Model);
                }
            }
            finally
            {
                best?.Dispose();
            }

            return history;
        }

        /// <summary>The model's metrics on <paramref name="data"/>, in eval mode without gradients (the previous mode is restored).</summary>
        public TMetrics Evaluate(IEnumerable<TBatch> data) => ToMetrics(EvaluateTasks(data));

        /// <summary>The untyped metrics on <paramref name="data"/>, in eval mode without gradients (the previous mode is restored).</summary>
        public EvaluationResult EvaluateTasks(IEnumerable<TBatch> data) => Run(data).Result;

        /// <summary>Converts untyped results (tasks in model order) to the model's metrics record.</summary>
        protected abstract TMetrics ToMetrics(EvaluationResult result);

        private (EvaluationResult Result, string? Diverged) Run(IEnumerable<TBatch> data)
        {
            ArgumentNullException.ThrowIfNull(data);
            ObjectDisposedException.ThrowIf(disposed, this);
            var wasTraining = Model.training;
            Model.eval();
            try
            {
                using var noGrad = torch.no_grad();
                using var run = new EpochAccumulator(Model.Tasks);
                using var enumerator = data.GetEnumerator();
                while (true)
                {
                    using var scope = torch.NewDisposeScope();
                    if (!enumerator.MoveNext())
                    {
                        break;
                    }

                    var taskStep = Model.Step(enumerator.Current);
                    run.Add(taskStep);
                }

                return run.Finish("evaluation");
            }
            finally
            {
                Model.train(wasTraining);
            }
        }

        /// <summary>Disposes the optimizer.</summary>
        public void Dispose()
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            Optimizer.Dispose();
            GC.SuppressFinalize(this);
        }

        private (EvaluationResult Result, string? Diverged) TrainEpoch(IEnumerable<TBatch> train, int epoch, ref long step)
        {
            Model.train();
            using var run = new EpochAccumulator(Model.Tasks);
            using var enumerator = train.GetEnumerator();
            while (true)
            {
                using var scope = torch.NewDisposeScope();
                if (!enumerator.MoveNext())
                {
                    break;
                }

                var taskStep = Model.Step(enumerator.Current);
                Optimizer.zero_grad();
                taskStep.Total.backward();
                if (Options.GradientClipNorm is { } maxNorm)
                {
                    GradientClipping.Clip(parameters, maxNorm);
                }

                Optimizer.step();
                run.Add(taskStep);
                step++;
                if (Options.StepProgress is { } progress && step % Options.StepProgressInterval == 0)
                {
                    progress.Report(new StepProgress(epoch, step, taskStep.Total.ToDouble()));
                }
            }

            return run.Finish("training");
        }

        private void CheckFinite(EvaluationResult result, string? diverged, int epoch, WeightSnapshot lastFinite)
        {
            var finite = double.IsFinite(result.Loss) && result.Tasks.All(t => double.IsFinite(t.Loss));
            if (finite)
            {
                return;
            }

            var task = diverged ?? result.Tasks.FirstOrDefault(t => !double.IsFinite(t.Loss))?.Task ?? "total";
            var loss = result.Tasks.FirstOrDefault(t => t.Task == task)?.Loss ?? result.Loss;
            lastFinite.Restore(Model);
            throw new TrainingDivergedException(task, epoch, loss, lastFinite.Epoch);
        }

        private static bool Improves(EarlyStopping<TMetrics> stopping, double value, double? best)
        {
            if (double.IsNaN(value))
            {
                return false;
            }

            if (best is not { } previous)
            {
                return true;
            }

            return stopping.HigherIsBetter ? value > previous + stopping.MinDelta : value < previous - stopping.MinDelta;
        }
    }
}
