using System;
using System.Collections.Generic;
using TorchSharp;

namespace MultiTask.Benchmarks;

/// <summary>The generated trainer as a variant: whole epochs over a workload's batches, one trainer per epoch count.</summary>
internal static class TrainerVariants
{
    /// <param name="createTrainer">Makes a trainer for (epochs, step progress sink, step progress interval).</param>
    public static TrainerVariant Create<TModel, TBatch, TMetrics>(
        string name,
        string description,
        int batchesPerEpoch,
        IEnumerable<TBatch> batches,
        TModel model,
        Func<int, IProgress<StepProgress>, int, MultiTaskTrainer<TModel, TBatch, TMetrics>> createTrainer)
        where TModel : torch.nn.Module, IMultiTaskNetwork<TBatch>
    {
        var trainers = new Dictionary<int, MultiTaskTrainer<TModel, TBatch, TMetrics>>();
        Action<long>? probe = null;
        var stepSink = new ProgressSink<StepProgress>(p => probe?.Invoke(p.Step));

        int Fit(int steps, Action<long>? stepProbe)
        {
            if (steps % batchesPerEpoch != 0)
            {
                throw new ArgumentException($"The trainer runs whole epochs of {batchesPerEpoch} steps.");
            }

            var epochs = steps / batchesPerEpoch;
            if (!trainers.TryGetValue(epochs, out var trainer))
            {
                trainer = createTrainer(epochs, stepSink, stepProbe is null ? 50 : 1);
                trainers[epochs] = trainer;
            }

            probe = stepProbe;
            trainer.Fit(batches);
            return steps;
        }

        return new TrainerVariant(name, description, Fit, new Disposer(() =>
        {
            foreach (var trainer in trainers.Values)
            {
                trainer.Dispose();
            }

            model.Dispose();
        }));
    }
}
