using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// One pass over a data set: per-task metric accumulators, the row-weighted total loss and, per task, the first step
    /// whose loss was not finite, all kept on the device outside the step's dispose scope; <see cref="Finish"/> syncs once.
    /// A task absent from a step (null output or target) adds nothing to its metrics; a step weighs the total loss by its
    /// largest task batch (with one shared input, every task's batch has the same rows).
    /// </summary>
    internal sealed class EpochAccumulator : IDisposable
    {
        private readonly IReadOnlyList<TaskDefinition> tasks;
        private readonly MetricAccumulator[] accumulators;
        private Tensor? totalSum;
        private Tensor? firstNonFinite;
        private long rows;
        private long steps;

        public EpochAccumulator(IReadOnlyList<TaskDefinition> tasks)
        {
            this.tasks = tasks;
            accumulators = tasks.Select(t => t.CreateAccumulator()).ToArray();
        }

        public void Add(TaskStep step)
        {
            ArgumentNullException.ThrowIfNull(step);
            if (step.Losses.Count != tasks.Count || step.Outputs.Count != tasks.Count || step.Targets.Count != tasks.Count)
            {
                throw new InvalidOperationException(
                    $"The step returned {step.Losses.Count} losses, {step.Outputs.Count} outputs and {step.Targets.Count} targets for {tasks.Count} tasks.");
            }

            long batchRows = tasks.Count > 0 ? 0 : 1;
            for (var i = 0; i < tasks.Count; i++)
            {
                if (step.Outputs[i] is { } output && step.Targets[i] is { } target)
                {
                    accumulators[i].Add(output, target, step.Losses[i]);
                    batchRows = Math.Max(batchRows, output.shape[0]);
                }
            }

            using (torch.no_grad())
            {
                using var detached = step.Total.detach();
                using var total = detached.to(ScalarType.Float64);
                using var weighted = total.mul(batchRows);
                using var scalar = weighted.reshape(Array.Empty<long>());
                if (totalSum is null)
                {
                    totalSum = scalar.clone().DetachFromDisposeScope();
                }
                else
                {
                    totalSum.add_(scalar);
                }

                TrackNonFinite(step, total);
            }

            rows += batchRows;
            steps++;
        }

        /// <summary>The results (one host sync), and the task whose loss first stopped being finite (null when all are finite).</summary>
        public (EvaluationResult Result, string? Diverged) Finish(string what)
        {
            if (steps == 0 || totalSum is null || firstNonFinite is null)
            {
                throw new InvalidOperationException($"The {what} data yielded no batch.");
            }

            var loss = totalSum.ToDouble() / Math.Max(rows, 1);
            var metrics = accumulators.Select(a => a.Compute()).ToArray();
            using var cpu = firstNonFinite.cpu();
            var first = cpu.data<long>().ToArray();
            string? diverged = null;
            var earliest = long.MaxValue;
            for (var i = 0; i < first.Length; i++)
            {
                if (first[i] < earliest)
                {
                    earliest = first[i];
                    diverged = i < tasks.Count ? tasks[i].Name : "total";
                }
            }

            if (diverged is null)
            {
                // Every step was finite but a sum overflowed: name the first non-finite task, else the total.
                diverged = metrics.FirstOrDefault(m => !double.IsFinite(m.Loss))?.Task ?? (double.IsFinite(loss) ? null : "total");
            }

            return (new EvaluationResult(loss, metrics), diverged);
        }

        public void Dispose()
        {
            foreach (var accumulator in accumulators)
            {
                accumulator.Dispose();
            }

            totalSum?.Dispose();
            totalSum = null;
            firstNonFinite?.Dispose();
            firstNonFinite = null;
        }

        /// <summary>Per task (and the total last), the minimum step index whose loss was not finite, on the device.</summary>
        private void TrackNonFinite(TaskStep step, Tensor total)
        {
            var values = new Tensor[tasks.Count + 1];
            try
            {
                for (var i = 0; i < tasks.Count; i++)
                {
                    using var detached = step.Losses[i].detach();
                    using var asDouble = detached.to(ScalarType.Float64, total.device);
                    values[i] = asDouble.reshape(Array.Empty<long>());
                }

                values[tasks.Count] = total.reshape(Array.Empty<long>());
                using var stacked = torch.stack(values);
                using var finite = stacked.isfinite();
                using var bad = finite.logical_not();
                using var never = torch.full(values.Length, long.MaxValue, dtype: ScalarType.Int64, device: total.device);
                using var candidate = never.masked_fill(bad, steps);
                if (firstNonFinite is null)
                {
                    firstNonFinite = candidate.clone().DetachFromDisposeScope();
                }
                else
                {
                    using var minimum = torch.minimum(firstNonFinite, candidate);
                    firstNonFinite.copy_(minimum);
                }
            }
            finally
            {
                foreach (var value in values)
                {
                    value?.Dispose();
                }
            }
        }
    }
}
