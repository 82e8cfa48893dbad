using System;
using System.Collections.Generic;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Terminal
{
    /// <summary>
    /// The epoch's running mean of every task's loss and of the total, summed on the device step by step (no host sync) and
    /// read only when shown. A task absent from a step (one input per task) counts only the steps where it is present.
    /// </summary>
    internal sealed class RunningLosses : IDisposable
    {
        private readonly long[] present;
        private Tensor? sum;
        private long steps;

        public RunningLosses(int tasks) => present = new long[tasks];

        /// <summary>Adds a step's losses (called inside the step's dispose scope).</summary>
        public void Add(TaskStep step)
        {
            using var noGrad = torch.no_grad();
            var row = new Tensor[present.Length + 1];
            for (var i = 0; i < present.Length; i++)
            {
                row[i] = step.Losses[i].detach().reshape(Array.Empty<long>());
                if (step.IsPresent(i))
                {
                    present[i]++;
                }
            }

            row[^1] = step.Total.detach().reshape(Array.Empty<long>());
            var stacked = torch.stack(row).to(ScalarType.Float64);
            if (sum is null)
            {
                sum = stacked.clone().DetachFromDisposeScope();
            }
            else
            {
                sum.add_(stacked);
            }

            steps++;
        }

        /// <summary>The running means (one host sync): each task's, then the total's; NaN before a task's first step.</summary>
        public IReadOnlyList<double> Means()
        {
            var means = new double[present.Length + 1];
            if (sum is null)
            {
                Array.Fill(means, double.NaN);
                return means;
            }

            using var cpu = sum.cpu();
            var sums = cpu.data<double>().ToArray();
            for (var i = 0; i < present.Length; i++)
            {
                means[i] = present[i] > 0 ? sums[i] / present[i] : double.NaN;
            }

            means[^1] = sums[^1] / steps;
            return means;
        }

        public void Dispose() => sum?.Dispose();
    }
}
