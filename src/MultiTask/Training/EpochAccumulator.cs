using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// One pass over a data set: per-task metric accumulators and, per step, one row of losses (every task's, then the
    /// total) and in training one row of the applied task weights, copied into device buffers outside the step's dispose scope. Per step that is a stack and a copy, no host sync;
    /// <see cref="Finish"/> syncs once and derives the row-weighted total loss and the first non-finite step of each loss.
    /// A task absent from a step (null output or target) adds nothing to its metrics; a step weighs the total loss by its
    /// largest task batch (with one shared input, every task's batch has the same rows).
    /// </summary>
    internal sealed class EpochAccumulator : IDisposable
    {
        private readonly IReadOnlyList<TaskDefinition> tasks;
        private readonly MetricAccumulator[] accumulators;
        private readonly RowBuffer history = new();
        private readonly RowBuffer weightRows = new();
        private readonly List<long> batchRows = [];
        private readonly Tensor[] row;
        private readonly bool withWeights;

        /// <param name="tasks">The model's tasks.</param>
        /// <param name="withWeights">Whether every step also records the weights applied (a training pass).</param>
        public EpochAccumulator(IReadOnlyList<TaskDefinition> tasks, bool withWeights)
        {
            this.tasks = tasks;
            this.withWeights = withWeights;
            accumulators = tasks.Select(t => t.CreateAccumulator()).ToArray();
            row = new Tensor[tasks.Count + 1];
        }

        /// <summary>Adds a step; <paramref name="weights"/> (<c>[K]</c>) is required in a training pass and ignored otherwise.</summary>
        public void Add(TaskStep step, Tensor? weights = null)
        {
            ArgumentNullException.ThrowIfNull(step);
            if (step.Losses.Count != tasks.Count || step.Outputs.Count != tasks.Count || step.Targets.Count != tasks.Count)
            {
                throw new InvalidOperationException(
                    $"The step returned {step.Losses.Count} losses, {step.Outputs.Count} outputs and {step.Targets.Count} targets for {tasks.Count} tasks.");
            }

            long stepRows = tasks.Count > 0 ? 0 : 1;
            for (var i = 0; i < tasks.Count; i++)
            {
                if (step.Outputs[i] is { } output && step.Targets[i] is { } target)
                {
                    accumulators[i].Add(output, target, step.Losses[i]);
                    stepRows = Math.Max(stepRows, output.size(0));
                }
            }

            using (torch.no_grad())
            {
                var reshaped = new List<Tensor>();
                try
                {
                    for (var i = 0; i < row.Length; i++)
                    {
                        var loss = i < tasks.Count ? step.Losses[i] : step.Total;
                        if (loss.dim() != 0)
                        {
                            loss = loss.reshape(Array.Empty<long>());
                            reshaped.Add(loss);
                        }

                        row[i] = loss;
                    }

                    using var stacked = torch.stack(row);
                    history.AppendRow(stacked);
                    if (withWeights)
                    {
                        ArgumentNullException.ThrowIfNull(weights);
                        weightRows.AppendRow(weights);
                    }
                }
                finally
                {
                    Array.Clear(row);
                    foreach (var tensor in reshaped)
                    {
                        tensor.Dispose();
                    }
                }
            }

            batchRows.Add(stepRows);
        }

        /// <summary>The results (one host sync), with the task whose loss first stopped being finite (null when all are finite).</summary>
        public EvaluationResult Finish(string what)
        {
            if (batchRows.Count == 0)
            {
                throw new InvalidOperationException($"The {what} data yielded no batch.");
            }

            var metrics = accumulators.Select(a => a.Compute()).ToArray();
            using var cpu = history.ToCpu(ScalarType.Float64) ?? throw new InvalidOperationException($"The {what} data yielded no batch.");
            var losses = cpu.data<double>().ToArray();
            var width = row.Length;
            var totalColumn = width - 1;
            var weightSums = SumWeights();
            double weighted = 0;
            long rows = 0;
            string? diverged = null;
            var earliest = long.MaxValue;
            for (var s = 0; s < batchRows.Count; s++)
            {
                var total = losses[s * width + totalColumn];
                weighted += total * batchRows[s];
                rows += batchRows[s];
                if (s >= earliest)
                {
                    continue;
                }

                for (var i = 0; i < width; i++)
                {
                    if (!double.IsFinite(losses[s * width + i]))
                    {
                        // The first step with a non-finite loss names its first non-finite task (the total last).
                        earliest = s;
                        diverged = i < tasks.Count ? tasks[i].Name : "total";
                        break;
                    }
                }
            }

            var loss = weighted / Math.Max(rows, 1);
            if (diverged is null)
            {
                // Every step was finite but a sum overflowed: name the first non-finite task, else the total.
                // A task without any present label has a NaN loss by definition: that is absence, not divergence.
                diverged = metrics.FirstOrDefault(m => m.Count > 0 && !double.IsFinite(m.Loss))?.Task ?? (double.IsFinite(loss) ? null : "total");
            }

            return new EvaluationResult(loss, metrics)
            {
                NonFiniteTask = diverged,
                FirstBatchLoss = losses[totalColumn],
                LossWeights = Array.ConvertAll(weightSums, sum => sum / batchRows.Count),
            };
        }

        /// <summary>Each task's applied weight summed over the steps (empty outside training).</summary>
        private double[] SumWeights()
        {
            var sums = new double[withWeights ? tasks.Count : 0];
            using var cpu = withWeights ? weightRows.ToCpu(ScalarType.Float64) : null;
            if (cpu is null)
            {
                return sums;
            }

            var values = cpu.data<double>().ToArray();
            for (var i = 0; i < values.Length; i++)
            {
                sums[i % sums.Length] += values[i];
            }

            return sums;
        }

        public void Dispose()
        {
            foreach (var accumulator in accumulators)
            {
                accumulator.Dispose();
            }

            history.Dispose();
            weightRows.Dispose();
        }
    }
}
