using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TorchSharp;

namespace MultiTask
{
    /// <summary>Checkpoints and resume (docs/persistence.md): the whole state of a run written to one file, and read back all-or-nothing.</summary>
    public abstract partial class MultiTaskTrainer<TModel, TBatch, TMetrics>
    {
        private const string ModelSection = "model";
        private const string OptimizerSection = "optimizer";
        private const string WeightingSection = "weighting";
        private const string ScheduleSection = "schedule";
        private const string RandomSection = "random";
        private const string GeneratorEntry = "torch";

        /// <summary>The first epoch of the running <c>Fit</c> call (of the call a resumed one continues).</summary>
        private int fitFirstEpoch;

        /// <summary>Writes the run as it is after epoch <see cref="CompletedEpochs"/> to <paramref name="path"/>, atomically.</summary>
        private void WriteCheckpoint(string path, TrainingHistory<TMetrics> history, IEnumerable<TBatch> train, IEnumerable<TBatch>? validation)
        {
            var fullPath = Path.GetFullPath(path);
            using var scope = torch.NewDisposeScope();
            var sections = CaptureSections();
            try
            {
                var architecture = Architecture.Of(Model, Model.Tasks);
                var header = new CheckpointHeader(
                    architecture.Model,
                    architecture.Fingerprint(),
                    architecture.Tasks.Select(t => new CheckpointTask(t.Name, t.Kind)).ToList(),
                    CompletedEpochs,
                    steps,
                    fitFirstEpoch,
                    batchesPerEpoch,
                    (train as IReplayableOrder)?.OrdersDrawn,
                    (validation as IReplayableOrder)?.OrdersDrawn,
                    Optimizer.GetType().FullName!,
                    history.Select(ToRecord).ToList(),
                    []);
                CheckpointFile.Write(fullPath, header, sections);
            }
            finally
            {
                Dispose(sections);
            }
        }

        /// <summary>
        /// Restores the run written to <paramref name="path"/> into this trainer, its model and the data, all or nothing: the
        /// whole file and its fit to this trainer are checked first, and when restoring a part fails every part is put back.
        /// Adds the checkpoint's epochs to <paramref name="history"/> and returns the first epoch of the <c>Fit</c> call it was
        /// written in.
        /// </summary>
        private int Resume(string path, IEnumerable<TBatch> train, IEnumerable<TBatch>? validation, TrainingHistory<TMetrics> history)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            var fullPath = Path.GetFullPath(path);
            using var scope = torch.NewDisposeScope();
            var (header, sections) = CheckpointFile.Read(fullPath);
            try
            {
                ModelFileException Unfit(string why, Exception? inner = null)
                    => new(fullPath, $"Cannot resume from the checkpoint '{fullPath}' (epoch {header.Epoch} of {header.Model}): {why}", header.Model, inner);

                CheckModel(fullPath, header, sections);
                if (header.Optimizer != Optimizer.GetType().FullName)
                {
                    throw Unfit($"it was written with the optimizer {header.Optimizer}, this trainer has {Optimizer.GetType().FullName}.");
                }

                var trainOrder = CheckOrder(header.TrainOrders, train, "training", Unfit);
                var validationOrder = CheckOrder(header.ValidationOrders, validation, "validation", Unfit);
                List<EpochResult<TMetrics>> epochs;
                try
                {
                    epochs = header.History.Select(ToEpochResult).ToList();
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or NullReferenceException or IndexOutOfRangeException or InvalidCastException)
                {
                    throw Unfit($"its history does not fit this model's metrics ({e.Message}).", e);
                }

                Restore(sections, Unfit);
                (CompletedEpochs, steps) = (header.Epoch, header.Steps);
                batchesPerEpoch ??= header.BatchesPerEpoch;
                trainOrder?.SkipOrders(header.TrainOrders!.Value - trainOrder.OrdersDrawn);
                validationOrder?.SkipOrders(header.ValidationOrders!.Value - validationOrder.OrdersDrawn);
                epochs.ForEach(history.Add);
                return header.FirstEpoch;
            }
            finally
            {
                CheckpointFile.Dispose(sections);
            }
        }

        /// <summary>The checkpoint's weights against the model's, as a model file's are: every key, shape and dtype, then the fingerprint.</summary>
        private void CheckModel(string path, CheckpointHeader header, Dictionary<string, TrainingState> sections)
        {
            var expected = Architecture.Of(Model, Model.Tasks);
            var savedTensors = header.Sections.FirstOrDefault(s => s.Name == ModelSection)?.Tensors ?? [];
            var saved = new Architecture(header.Model, header.Tasks.Select(t => (t.Name, t.Kind)).ToList(), [], savedTensors.Select(t => new TensorEntry(t.Key, t.DType, t.Shape)).ToList());
            var mismatches = expected.TensorMismatches(saved);
            if (mismatches.Count > 0)
            {
                throw new ModelFileException(path, $"Cannot resume from the checkpoint '{path}' into {expected.Model}: it was written from {saved.Model} (tasks {saved.TaskList()}), whose weights differ: {string.Join("; ", mismatches)}.", saved.Model);
            }

            if (header.Fingerprint != expected.Fingerprint())
            {
                throw new ModelFileException(path, $"Cannot resume from the checkpoint '{path}' into {expected.Model} (tasks {expected.TaskList()}): it was written from {saved.Model} (tasks {saved.TaskList()}), a different declaration with weights of the same shapes.", saved.Model);
            }

            if (!sections.ContainsKey(OptimizerSection) || !sections.ContainsKey(RandomSection))
            {
                throw new ModelFileException(path, $"The checkpoint '{path}' is corrupt: it has no '{OptimizerSection}' or '{RandomSection}' section (saved from {header.Model}).", header.Model);
            }
        }

        /// <summary>The data's replayable order when the checkpoint recorded one; throws when the data has drawn more orders than the checkpoint.</summary>
        private static IReplayableOrder? CheckOrder(long? recorded, IEnumerable<TBatch>? data, string role, Func<string, Exception?, ModelFileException> unfit)
        {
            if (recorded is not { } drawn || data is not IReplayableOrder order)
            {
                return null;
            }

            if (order.OrdersDrawn > drawn)
            {
                throw unfit($"the {role} batches have drawn {order.OrdersDrawn} orders already, the checkpoint's had drawn {drawn}; pass batches made anew with the same seed.", null);
            }

            return order;
        }

        /// <summary>
        /// Every part of the run's state as checkpoint sections: the model's state dict, the optimizer's state, the loss weighting's
        /// and the schedule's own state, torch's generator, and each callback's state (<c>callback/Type/n</c>, the n-th of its type).
        /// </summary>
        private List<(string Name, TrainingState State)> CaptureSections()
        {
            var sections = new List<(string Name, TrainingState State)>();
            try
            {
                var model = new TrainingState();
                sections.Add((ModelSection, model));
                foreach (var (key, tensor) in Model.state_dict())
                {
                    model.Set(key, tensor);
                }

                sections.Add(Section(OptimizerSection, ((ICheckpointedOptimizer)Optimizer).SaveState));
                sections.Add(Section(WeightingSection, Model.Weighting.SaveState));
                sections.Add(Section(ScheduleSection, state => Options.Schedule?.SaveState(state)));
                sections.Add(Section(RandomSection, state =>
                {
                    using var generator = torch.Generator.Default.get_state();
                    state.Set(GeneratorEntry, generator);
                }));
                foreach (var (name, callback) in NamedCallbacks())
                {
                    sections.Add(Section(name, callback.SaveState));
                }

                return sections;
            }
            catch
            {
                Dispose(sections);
                throw;
            }

            static (string, TrainingState) Section(string name, Action<TrainingState> save)
            {
                var state = new TrainingState();
                try
                {
                    save(state);
                    return (name, state);
                }
                catch
                {
                    state.Dispose();
                    throw;
                }
            }
        }

        /// <summary>
        /// Restores every part from its section, in order; when a part refuses its state, the parts already restored get their
        /// state from before back, and the refusal is thrown as the <see cref="ModelFileException"/> <paramref name="unfit"/> makes.
        /// </summary>
        private void Restore(Dictionary<string, TrainingState> sections, Func<string, Exception?, ModelFileException> unfit)
        {
            var parts = Parts(sections.ContainsKey);
            var before = CaptureSections().ToDictionary(s => s.Name, s => s.State, StringComparer.Ordinal);
            using var empty = new TrainingState();
            var restored = 0;
            try
            {
                foreach (var (name, load) in parts)
                {
                    load(sections.GetValueOrDefault(name, empty));
                    restored++;
                }
            }
            catch (Exception e) when (e is ArgumentException or KeyNotFoundException or InvalidOperationException or OverflowException)
            {
                foreach (var (name, load) in parts.Take(restored))
                {
                    load(before.GetValueOrDefault(name, empty));
                }

                throw unfit(e.Message, e);
            }
            finally
            {
                CheckpointFile.Dispose(before);
            }
        }

        /// <summary>
        /// How each part loads its section, in the order of restoring: the loss weighting and the schedule (an empty state when
        /// the section is missing), the callbacks whose section <paramref name="saved"/> says is there, torch's generator, the
        /// optimizer and the model's weights (checked before: they cannot refuse).
        /// </summary>
        private List<(string Name, Action<TrainingState> Load)> Parts(Func<string, bool> saved)
        {
            var parts = new List<(string Name, Action<TrainingState> Load)>
            {
                (WeightingSection, Model.Weighting.LoadState),
                (ScheduleSection, state => Options.Schedule?.LoadState(state)),
            };
            parts.AddRange(NamedCallbacks().Where(c => saved(c.Name)).Select(c => (c.Name, (Action<TrainingState>)c.Callback.LoadState)));
            parts.Add((RandomSection, state =>
            {
                using var current = torch.Generator.Default.get_state();
                torch.Generator.Default.set_state(state.Get(GeneratorEntry, current.dtype, current.shape));
            }));
            parts.Add((OptimizerSection, state => ((ICheckpointedOptimizer)Optimizer).LoadState(state)));
            parts.Add((ModelSection, state =>
            {
                using var noGrad = torch.no_grad();
                foreach (var (key, tensor) in Model.state_dict())
                {
                    tensor.copy_(state.Get(key));
                }
            }));
            return parts;
        }

        /// <summary>The callbacks with their section names: <c>callback/EarlyStoppingCallback/0</c>, ...</summary>
        private IEnumerable<(string Name, TrainingCallback<TMetrics> Callback)> NamedCallbacks()
        {
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var callback in callbacks)
            {
                var type = callback.GetType().Name.Split('`')[0];
                seen[type] = seen.TryGetValue(type, out var count) ? count + 1 : 0;
                yield return ($"callback/{type}/{seen[type]}", callback);
            }
        }

        private static EpochRecord ToRecord(EpochResult<TMetrics> epoch)
            => new(epoch.Epoch, epoch.Elapsed, epoch.LossWeights, epoch.LearningRates, epoch.TrainEvaluation!, epoch.ValidationEvaluation, AffinityRecord.Of(epoch.TaskAffinity));

        private EpochResult<TMetrics> ToEpochResult(EpochRecord epoch)
            => new(epoch.Epoch, ToMetrics(epoch.Train), epoch.Validation is null ? default : ToMetrics(epoch.Validation), epoch.Elapsed)
            {
                LossWeights = epoch.LossWeights,
                LearningRates = epoch.LearningRates,
                TrainEvaluation = epoch.Train,
                ValidationEvaluation = epoch.Validation,
                TaskAffinity = epoch.TaskAffinity?.ToAffinity(),
            };

        private static void Dispose(IEnumerable<(string Name, TrainingState State)> sections)
        {
            foreach (var (_, state) in sections)
            {
                state.Dispose();
            }
        }
    }
}
