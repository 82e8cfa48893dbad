using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// Measures <see cref="TaskAffinity"/> at a step and averages the epoch's measurements. Before the weighting's backward
    /// pass, with the graph of the step's losses (<see cref="Begin"/>): each present task's gradient on the shared parameters
    /// (one <c>autograd.grad</c> each, graph retained) and their cosines. After it, before the optimizer step
    /// (<see cref="Complete"/>): from one random-generator state, a forward pass at the current weights and one per task i
    /// with the shared parameters moved by <c>-eta g_i</c>, each giving every task's loss.
    /// The shared parameters, the model's buffers (batch-norm statistics) and the random generator are restored, so training
    /// goes on exactly as without the measurement.
    /// </summary>
    internal sealed class AffinityProbe<TBatch>
    {
        private readonly IMultiTaskNetwork<TBatch> model;
        private readonly nn.Module module;
        private readonly TaskGradients gradients;
        private readonly int every;
        private readonly int tasks;
        private readonly double[,] lookahead;
        private readonly double[,] cosine;
        private readonly int[,] lookaheadCount;
        private readonly int[,] cosineCount;
        private int measurements;
        private Pending? pending;

        public AffinityProbe(IMultiTaskNetwork<TBatch> model, nn.Module module, TaskGradients gradients, TaskAffinityOptions options)
        {
            if (gradients.SharedParameters.Count == 0)
            {
                throw new ArgumentException("Measuring task affinity needs shared parameters (a trunk, an encoder or an expert layer); this model has none.", nameof(options));
            }

            this.model = model;
            this.module = module;
            this.gradients = gradients;
            every = options.Every;
            tasks = model.Tasks.Count;
            lookahead = new double[tasks, tasks];
            cosine = new double[tasks, tasks];
            lookaheadCount = new int[tasks, tasks];
            cosineCount = new int[tasks, tasks];
        }

        /// <summary>Whether step number <paramref name="step"/> (1-based, over the run) is measured.</summary>
        public bool Due(long step) => step % every == 0;

        /// <summary>
        /// The first half of a measurement, before the weighting's backward pass consumes the graph: the gradients on the shared
        /// parameters of the tasks the batch has, their norms and dot products, all left on the device. Temporaries belong to
        /// the step's dispose scope.
        /// </summary>
        public void Begin(TaskStep step)
        {
            var measured = Enumerable.Range(0, tasks).Where(step.IsPresent).ToArray();
            if (measured.Length == 0)
            {
                return;
            }

            // A copy: the weighting's backward pass reuses the helper's buffer before Complete reads these.
            using var reused = gradients.OnSharedParameters(step.Losses);
            var taskGradients = reused.clone();
            using var noGrad = torch.no_grad();
            pending = new Pending(taskGradients, measured, taskGradients.norm(1), taskGradients.mm(taskGradients.t()));
        }

        /// <summary>
        /// The second half, after the backward pass and before the optimizer step: the lookahead losses on
        /// <paramref name="batch"/>, then one copy of everything to the host. The shared parameters are moved in place and
        /// restored, which the graph (already used) no longer minds; their gradients are not touched. A task whose labels are
        /// all masked in the batch (loss and gradient exactly 0) is left out of the measurement.
        /// </summary>
        public void Complete(TBatch batch, double learningRate)
        {
            if (pending is not { } measurement)
            {
                return;
            }

            pending = null;
            using var noGrad = torch.no_grad();
            var losses = LookaheadLosses(batch, measurement, learningRate);
            var host = torch.cat([measurement.Products.reshape(-1), measurement.Norms, losses.reshape(-1)]).to(ScalarType.Float64).cpu().data<double>().ToArray();
            var norms = host.AsSpan(tasks * tasks, tasks).ToArray();
            var rows = host.AsSpan((tasks * tasks) + tasks).ToArray();
            var used = measurement.Tasks.Where(i => norms[i] > 0 && rows[i] != 0 && double.IsFinite(rows[i])).ToArray();
            foreach (var i in used)
            {
                var after = rows.AsSpan(tasks * (Array.IndexOf(measurement.Tasks, i) + 1), tasks);
                foreach (var j in used)
                {
                    cosine[i, j] += host[(i * tasks) + j] / (norms[i] * norms[j]);
                    cosineCount[i, j]++;
                    if (double.IsFinite(after[j]))
                    {
                        lookahead[i, j] += 1 - (after[j] / rows[j]);
                        lookaheadCount[i, j]++;
                    }
                }
            }

            measurements++;
        }

        /// <summary>The epoch's means (NaN for pairs never measured together), then starts a new epoch; null when nothing was measured.</summary>
        public TaskAffinity? TakeEpoch()
        {
            if (measurements == 0)
            {
                return null;
            }

            var result = new TaskAffinity(model.Tasks.Select(t => t.Name).ToArray(), Means(lookahead, lookaheadCount), Means(cosine, cosineCount), measurements);
            Array.Clear(lookahead);
            Array.Clear(cosine);
            Array.Clear(lookaheadCount);
            Array.Clear(cosineCount);
            measurements = 0;
            return result;
        }

        /// <summary>
        /// Every task's loss on <paramref name="batch"/>, <c>[1 + measured, K]</c>: at the current weights, then with the shared
        /// parameters moved by <c>-eta g_i</c> for each measured task i; every pass from the same random state (the same dropout
        /// masks), which is restored afterwards with the weights and the buffers.
        /// </summary>
        private Tensor LookaheadLosses(TBatch batch, Pending measurement, double learningRate)
        {
            var shared = gradients.SharedParameters;
            var generator = torch.Generator.Default;
            using var rng = generator.get_state();
            var weights = shared.Select(p => p.detach().clone()).ToArray();
            var buffers = module.buffers().Select(b => (Buffer: b, Copy: b.detach().clone())).ToArray();
            var rows = new List<Tensor>();
            try
            {
                rows.Add(LossesAt(batch, generator, rng));
                foreach (var i in measurement.Tasks)
                {
                    Move(shared, measurement.Gradients[i], -learningRate);
                    rows.Add(LossesAt(batch, generator, rng));
                    Restore(shared, weights, buffers);
                }
            }
            finally
            {
                Restore(shared, weights, buffers);
                generator.set_state(rng);
            }

            return torch.stack(rows);
        }

        private Tensor LossesAt(TBatch batch, Generator generator, Tensor state)
        {
            generator.set_state(state);
            return torch.stack(model.Step(batch).Losses.Select(l => l.detach().reshape(Array.Empty<long>()).to(ScalarType.Float64)).ToArray());
        }

        private static void Move(IReadOnlyList<Parameter> shared, Tensor flat, double alpha)
        {
            long offset = 0;
            foreach (var parameter in shared)
            {
                var count = parameter.numel();
                parameter.add_(flat.narrow(0, offset, count).view(parameter.shape), alpha);
                offset += count;
            }
        }

        private static void Restore(IReadOnlyList<Parameter> shared, Tensor[] weights, (Tensor Buffer, Tensor Copy)[] buffers)
        {
            for (var p = 0; p < shared.Count; p++)
            {
                shared[p].copy_(weights[p]);
            }

            foreach (var (buffer, copy) in buffers)
            {
                buffer.copy_(copy);
            }
        }

        private double[,] Means(double[,] sums, int[,] counts)
        {
            var means = new double[tasks, tasks];
            for (var i = 0; i < tasks; i++)
            {
                for (var j = 0; j < tasks; j++)
                {
                    means[i, j] = counts[i, j] > 0 ? sums[i, j] / counts[i, j] : double.NaN;
                }
            }

            return means;
        }

        /// <summary>A measurement between its two halves: the gradients <c>[K, D]</c>, the tasks the batch has, norms and dot products.</summary>
        private sealed record Pending(Tensor Gradients, int[] Tasks, Tensor Norms, Tensor Products);
    }
}
