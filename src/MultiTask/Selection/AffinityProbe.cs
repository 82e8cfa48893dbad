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
        private (Tensor Gradients, int[] Tasks)? pending;

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
        /// The first half of a measurement, before the weighting's backward pass consumes the graph: the present tasks'
        /// gradients on the shared parameters and their cosines. Temporaries belong to the step's dispose scope.
        /// </summary>
        public void Begin(TaskStep step)
        {
            var present = Present(step);
            var measured = Enumerable.Range(0, tasks).Where(i => present[i]).ToArray();
            if (measured.Length == 0)
            {
                return;
            }

            var taskGradients = gradients.OnSharedParameters(step.Losses);
            AddCosines(taskGradients, measured);
            pending = (taskGradients, measured);
        }

        /// <summary>
        /// The second half, after the backward pass and before the optimizer step: the lookahead losses on
        /// <paramref name="batch"/>. The shared parameters are moved in place and restored, which the graph (already used)
        /// no longer minds; their gradients are not touched.
        /// </summary>
        public void Complete(TBatch batch, double learningRate)
        {
            if (pending is not { } measurement)
            {
                return;
            }

            pending = null;
            AddLookaheads(batch, measurement.Gradients, measurement.Tasks, learningRate);
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

        /// <summary>A task is present when the batch has it and its loss is not exactly 0 (every label masked gives 0).</summary>
        private bool[] Present(TaskStep step)
        {
            using var noGrad = torch.no_grad();
            var losses = Host(step.Losses);
            return Enumerable.Range(0, tasks).Select(i => step.IsPresent(i) && losses[i] != 0 && double.IsFinite(losses[i])).ToArray();
        }

        private void AddCosines(Tensor taskGradients, int[] measured)
        {
            using var noGrad = torch.no_grad();
            var norms = taskGradients.norm(1);
            var products = taskGradients.mm(taskGradients.t());
            var cosines = products.div(norms.outer(norms).clamp_min(1e-30)).cpu().to(ScalarType.Float64).data<double>().ToArray();
            var hostNorms = norms.cpu().to(ScalarType.Float64).data<double>().ToArray();
            foreach (var i in measured)
            {
                foreach (var j in measured)
                {
                    if (hostNorms[i] > 0 && hostNorms[j] > 0)
                    {
                        cosine[i, j] += cosines[(i * tasks) + j];
                        cosineCount[i, j]++;
                    }
                }
            }
        }

        private void AddLookaheads(TBatch batch, Tensor taskGradients, int[] measured, double learningRate)
        {
            var shared = gradients.SharedParameters;
            var generator = torch.Generator.Default;
            using var noGrad = torch.no_grad();
            using var rng = generator.get_state();
            var weights = shared.Select(p => p.detach().clone()).ToArray();
            var buffers = module.buffers().Select(b => (Buffer: b, Copy: b.detach().clone())).ToArray();
            try
            {
                var before = LossesAt(batch, generator, rng);
                foreach (var i in measured)
                {
                    Move(shared, taskGradients[i], -learningRate);
                    var after = LossesAt(batch, generator, rng);
                    Restore(shared, weights, buffers);
                    foreach (var j in measured)
                    {
                        if (before[j] != 0 && double.IsFinite(after[j]))
                        {
                            lookahead[i, j] += 1 - (after[j] / before[j]);
                            lookaheadCount[i, j]++;
                        }
                    }
                }
            }
            finally
            {
                Restore(shared, weights, buffers);
                generator.set_state(rng);
            }
        }

        /// <summary>Every task's loss on <paramref name="batch"/> at the current weights, from the random state <paramref name="state"/>.</summary>
        private double[] LossesAt(TBatch batch, Generator generator, Tensor state)
        {
            generator.set_state(state);
            return Host(model.Step(batch).Losses);
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

        private static double[] Host(IReadOnlyList<Tensor> losses)
        {
            var row = torch.stack(losses.Select(l => l.detach().reshape(Array.Empty<long>()).to(ScalarType.Float64)).ToArray());
            return row.cpu().data<double>().ToArray();
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
    }
}
