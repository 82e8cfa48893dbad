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
    /// Trains and evaluates a multi-task model. Every step runs in its own dispose scope through one pipeline: the model's
    /// forward and losses (<see cref="IMultiTaskNetwork{TBatch}.Step"/>), the learning-rate schedule, the loss weighting's
    /// backward pass (<see cref="LossWeighting.Backward"/>), gradient clipping, the optimizer step (one parameter group per
    /// component, and one for the weighting's own parameters), the weighting's <see cref="LossWeighting.AfterStep"/>, then the
    /// callbacks' <c>OnStepEnd</c>. Per-task metrics stay on the device and reach the host once per epoch; then the callbacks
    /// see the epoch (divergence guard, early stopping, progress, collection, then the user's) and may stop the run. Epoch and
    /// step numbers continue across <c>Fit</c> calls.
    /// </summary>
    /// <typeparam name="TModel">The model.</typeparam>
    /// <typeparam name="TBatch">The model's batch type.</typeparam>
    /// <typeparam name="TMetrics">The model's typed metrics record.</typeparam>
    public abstract partial class MultiTaskTrainer<TModel, TBatch, TMetrics> : IMultiTaskTrainer<TBatch, TMetrics>
        where TModel : nn.Module, IMultiTaskNetwork<TBatch>
    {
        /// <summary>The name of the optimizer group of the loss weighting's own parameters.</summary>
        public const string LossWeightingGroup = "LossWeighting";

        private readonly Parameter[] parameters;
        private readonly TaskGradients gradients;
        private readonly List<TrainingCallback<TMetrics>> callbacks;
        private readonly TrainingCallback<TMetrics>[] stepCallbacks;
        private readonly double[] baseLearningRates;
        private readonly string[] groupNames;
        private readonly AffinityProbe<TBatch>? affinity;
        private readonly int sharedGroup;
        private int? batchesPerEpoch;
        private long steps;
        private bool disposed;

        /// <summary>Moves the model to the options' device and builds the optimizer with one parameter group per component.</summary>
        protected MultiTaskTrainer(TModel model, TrainingOptions<TMetrics> options, IReadOnlyList<Component> components)
        {
            ArgumentNullException.ThrowIfNull(model);
            ArgumentNullException.ThrowIfNull(options);
            ArgumentNullException.ThrowIfNull(components);
            options.Validate();
            if (options.Device is { } device)
            {
                model.to(device);
            }

            Model = model;
            Options = options;
            var weighting = model.Weighting;
            Components = weighting.parameters().Any()
                ? [.. components, new Component(LossWeightingGroup, weighting, options.LossWeighting)]
                : components;
            parameters = model.parameters().ToArray();
            var shared = model.Parts.SharedParameters();
            var sharedHandles = shared.Select(p => p.Handle).ToHashSet();
            gradients = new TaskGradients(shared, [.. parameters.Where(p => !sharedHandles.Contains(p.Handle))]);
            Optimizer = OptimizerFactory.Create(model, Components, options);
            groupNames = [.. Components.Select(c => c.Name), .. Enumerable.Repeat("Other", Optimizer.ParamGroups.Count() - Components.Count)];
            baseLearningRates = Optimizer.ParamGroups.Select(g => g.LearningRate).ToArray();
            sharedGroup = SharedGroup(gradients.SharedParameters);
            affinity = options.TaskAffinity is { } measuring ? new AffinityProbe<TBatch>(model, model, gradients, measuring) : null;
            callbacks = BuiltInCallbacks(options);
            callbacks.AddRange(options.Callbacks);
            stepCallbacks = callbacks.Where(ListensToSteps).ToArray();
        }

        /// <summary>The model being trained.</summary>
        public TModel Model { get; }

        /// <summary>The training options.</summary>
        public TrainingOptions<TMetrics> Options { get; }

        /// <summary>The components, in the order of the optimizer's parameter groups (the loss weighting's last, when it has parameters).</summary>
        public IReadOnlyList<Component> Components { get; }

        /// <summary>The optimizer: group i belongs to component i; a last group holds any parameter outside every component.</summary>
        public torch.optim.Optimizer Optimizer { get; }

        /// <summary>The epochs trained so far by every <c>Fit</c> call; the next epoch is numbered one more.</summary>
        public int CompletedEpochs { get; private set; }

        /// <summary>
        /// Trains for <see cref="TrainingOptions{TMetrics}.Epochs"/> more epochs (fewer when a callback stops the run),
        /// evaluating on <paramref name="validation"/> after each. Throws <see cref="TrainingDivergedException"/> when a loss
        /// stops being finite or explodes, after restoring the last good weights.
        /// </summary>
        /// <param name="train">The training batches.</param>
        /// <param name="validation">The validation batches, or null.</param>
        /// <param name="resumeFrom">
        /// A checkpoint to resume (docs/persistence.md), or null to start: the model, the optimizer, the loss weighting, the
        /// schedule, the callbacks, the random generators and the data's order are restored, all or nothing, and the call goes
        /// on as the checkpointed call would have, to its first epoch plus <see cref="TrainingOptions{TMetrics}.Epochs"/> - 1; the
        /// history it returns starts with the checkpoint's epochs.
        /// </param>
        /// <exception cref="ModelFileException">The checkpoint is missing, truncated, corrupt, or of another model or trainer.</exception>
        public TrainingHistory<TMetrics> Fit(IEnumerable<TBatch> train, IEnumerable<TBatch>? validation = null, string? resumeFrom = null)
        {
            ArgumentNullException.ThrowIfNull(train);
            ObjectDisposedException.ThrowIf(disposed, this);
            var history = new TrainingHistory<TMetrics>();
            batchesPerEpoch = CountOf(train);
            fitFirstEpoch = resumeFrom is null ? CompletedEpochs + 1 : Resume(resumeFrom, train, validation, history);
            if (resumeFrom is null && CompletedEpochs == 0 && steps == 0)
            {
                torch.manual_seed(Options.Seed);
            }

            var first = CompletedEpochs + 1;
            var last = fitFirstEpoch + Options.Epochs - 1;
            var start = new FitStart<TMetrics>(Model, Optimizer, first, last) { Parts = Model.Parts, Tasks = Model.Tasks, Resumed = resumeFrom is not null };
            var epoch = first;
            try
            {
                Each(c => c.OnFitStart(start));
                for (; epoch <= last; epoch++)
                {
                    if (TrainAndNotify(train, validation, epoch, history) is { } reason)
                    {
                        history.StopReason = epoch < last ? reason : null;
                        break;
                    }
                }
            }
            catch (Exception exception)
            {
                var failure = new FitFailed(Math.Min(epoch, last), exception);
                Each(c => c.OnFitFailed(failure));
                throw;
            }

            var finish = new FitEnd<TMetrics>(Model, history);
            Each(c => c.OnFitEnd(finish));
            return history;
        }

        /// <summary>One epoch, its validation pass and its callbacks; returns the reason to stop, or null to go on.</summary>
        private string? TrainAndNotify(IEnumerable<TBatch> train, IEnumerable<TBatch>? validation, int epoch, TrainingHistory<TMetrics> history)
        {
            var clock = Stopwatch.StartNew();
            Each(c => c.OnEpochStart(new EpochStart(epoch, batchesPerEpoch)));
            var trainResult = TrainEpoch(train, epoch);
            var validationResult = validation is null ? null : Run(validation);
            var result = new EpochResult<TMetrics>(epoch, ToMetrics(trainResult), validationResult is null ? default : ToMetrics(validationResult), clock.Elapsed)
            {
                LossWeights = Enumerable.Range(0, Model.Tasks.Count).ToDictionary(i => Model.Tasks[i].Name, i => trainResult.LossWeights[i]),
                LearningRates = LearningRates(),
                TrainEvaluation = trainResult,
                ValidationEvaluation = validationResult,
                TaskAffinity = affinity?.TakeEpoch(),
            };
            var end = new EpochEnd<TMetrics>(Model, result, trainResult, validationResult);
            Each(c => c.OnEpochEnd(end));
            Options.Schedule?.OnEpochEnd(epoch, end.Monitored!);
            Model.Weighting.OnEpochEnd(epoch, trainResult.Tasks.Select(t => t.Loss).ToArray());
            history.Add(result);
            CompletedEpochs = epoch;
            foreach (var (path, saved) in end.CheckpointRequests)
            {
                WriteCheckpoint(path, history, train, validation);
                saved?.Invoke();
            }

            return end.StopReason;
        }

        /// <summary>The model's metrics on <paramref name="data"/>, in eval mode without gradients (the previous mode is restored).</summary>
        public TMetrics Evaluate(IEnumerable<TBatch> data) => ToMetrics(EvaluateTasks(data));

        /// <summary>The untyped metrics on <paramref name="data"/>, in eval mode without gradients (the previous mode is restored).</summary>
        public EvaluationResult EvaluateTasks(IEnumerable<TBatch> data) => Run(data);

        /// <summary>The optimizer settings of the component whose module is <paramref name="module"/>.</summary>
        /// <exception cref="ArgumentException">No component has that module.</exception>
        protected ComponentOptions ComponentOptionsOf(nn.Module module)
            => Components.FirstOrDefault(c => ReferenceEquals(c.Module, module))?.Options
                ?? throw new ArgumentException($"No component of the trainer is the module {module.GetName()}.", nameof(module));

        /// <summary>Converts untyped results (tasks in model order) to the model's metrics record.</summary>
        protected abstract TMetrics ToMetrics(EvaluationResult result);

        /// <summary>Disposes the optimizer.</summary>
        public void Dispose()
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            Optimizer.Dispose();
            gradients.Dispose();
            GC.SuppressFinalize(this);
        }

        private static List<TrainingCallback<TMetrics>> BuiltInCallbacks(TrainingOptions<TMetrics> options)
        {
            var builtIn = new List<TrainingCallback<TMetrics>> { new DivergenceGuard<TMetrics>(options.ExplosionFactor) };
            if (options.EarlyStopping is { } stopping)
            {
                builtIn.Add(new EarlyStoppingCallback<TMetrics>(stopping));
            }

            if (options.Progress is not null || options.StepProgress is not null)
            {
                builtIn.Add(new ProgressReporter<TMetrics>(options.Progress, options.StepProgress, options.StepProgressInterval));
            }

            if (options.CollectAfterEpoch)
            {
                builtIn.Add(new EpochCollection<TMetrics>());
            }

            return builtIn;
        }

        /// <summary>Whether <paramref name="callback"/> overrides <c>OnStepEnd</c>; the others cost a step nothing.</summary>
        private static bool ListensToSteps(TrainingCallback<TMetrics> callback)
            => callback.GetType().GetMethod(nameof(TrainingCallback<TMetrics>.OnStepEnd))!.DeclaringType != typeof(TrainingCallback<TMetrics>);

        private static int? CountOf(IEnumerable<TBatch> batches) => batches switch
        {
            IReadOnlyCollection<TBatch> collection => collection.Count,
            ICollection<TBatch> collection => collection.Count,
            _ => null,
        };

        private void Each(Action<TrainingCallback<TMetrics>> call)
        {
            foreach (var callback in callbacks)
            {
                call(callback);
            }
        }

        private EvaluationResult TrainEpoch(IEnumerable<TBatch> train, int epoch)
        {
            Model.train();
            using var run = new EpochAccumulator(Model.Tasks, withWeights: true);
            using var enumerator = train.GetEnumerator();
            var batch = 0;
            while (true)
            {
                using var scope = torch.NewDisposeScope();
                if (!enumerator.MoveNext())
                {
                    break;
                }

                batch++;
                var input = OnDevice(enumerator.Current);
                var taskStep = Model.Step(input);
                ApplySchedule(epoch);
                var probe = affinity is not null && affinity.Due(steps + 1) ? affinity : null;
                probe?.Begin(taskStep);
                Optimizer.zero_grad();
                var weights = Model.Weighting.Backward(taskStep, gradients);
                probe?.Complete(input, Optimizer.ParamGroups.ElementAt(sharedGroup).LearningRate);

                if (Options.GradientClipNorm is { } maxNorm)
                {
                    GradientClipping.Clip(parameters, maxNorm);
                }

                Optimizer.step();
                Model.Weighting.AfterStep(taskStep, () => LossesAfterStep(input));
                run.Add(taskStep, weights);
                steps++;
                if (stepCallbacks.Length > 0)
                {
                    var end = new StepEnd(epoch, batch, batchesPerEpoch, steps, taskStep, weights);
                    foreach (var callback in stepCallbacks)
                    {
                        callback.OnStepEnd(end);
                    }
                }
            }

            batchesPerEpoch = batch;
            return run.Finish("training");
        }

        /// <summary>
        /// The task losses of <paramref name="batch"/> at the current weights (for <see cref="LossWeighting.AfterStep"/>), in
        /// inference mode: no graph and no autograd bookkeeping (version counters, views), which no_grad still pays for.
        /// </summary>
        private IReadOnlyList<Tensor> LossesAfterStep(TBatch batch)
        {
            using var inference = torch.inference_mode();
            return Model.Step(batch).Losses;
        }

        private EvaluationResult Run(IEnumerable<TBatch> data)
        {
            ArgumentNullException.ThrowIfNull(data);
            ObjectDisposedException.ThrowIf(disposed, this);
            var wasTraining = Model.training;
            Model.eval();
            try
            {
                using var noGrad = torch.no_grad();
                using var run = new EpochAccumulator(Model.Tasks, withWeights: false);
                using var enumerator = data.GetEnumerator();
                while (true)
                {
                    using var scope = torch.NewDisposeScope();
                    if (!enumerator.MoveNext())
                    {
                        break;
                    }

                    run.Add(Model.Step(OnDevice(enumerator.Current)));
                }

                return run.Finish("evaluation");
            }
            finally
            {
                Model.train(wasTraining);
            }
        }

        private TBatch OnDevice(TBatch batch) => Options.Device is { } device ? Model.ToDevice(batch, device) : batch;

        /// <summary>Every group's rate is its base rate times the schedule's factor, so per-component rates keep their ratios.</summary>
        private void ApplySchedule(int epoch)
        {
            if (Options.Schedule is not { } schedule)
            {
                return;
            }

            var factor = schedule.Factor(epoch, steps, batchesPerEpoch);
            var g = 0;
            foreach (var group in Optimizer.ParamGroups)
            {
                group.LearningRate = baseLearningRates[g++] * factor;
            }
        }

        /// <summary>The optimizer group of the first component holding a shared parameter (the lookahead's learning rate), else the last group.</summary>
        private int SharedGroup(IReadOnlyList<Parameter> shared)
        {
            var handles = shared.Select(p => p.Handle).ToHashSet();
            var index = Components.ToList().FindIndex(c => c.Module.parameters().Any(p => handles.Contains(p.Handle)));
            return index >= 0 ? index : Optimizer.ParamGroups.Count() - 1;
        }

        private Dictionary<string, double> LearningRates()
        {
            var rates = new Dictionary<string, double>();
            var g = 0;
            foreach (var group in Optimizer.ParamGroups)
            {
                rates[groupNames[g++]] = group.LearningRate;
            }

            return rates;
        }
    }
}
