using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// How a training step turns the task losses into gradients: the base of every loss-weighting and gradient method, one
    /// class per method in this folder, each with an attribute deriving from <see cref="LossWeightingAttribute"/>. A method
    /// is a submodule of the model, so parameters it owns are in the model's state dict and train in an optimizer group of
    /// their own (<c>TrainingOptions.LossWeighting</c>). Every step the trainer zeroes the gradients, calls
    /// <see cref="Backward"/>, clips, steps the optimizer and calls <see cref="AfterStep"/>; at every epoch's end it calls <see cref="OnEpochEnd"/>.
    /// </summary>
    public abstract class LossWeighting : nn.Module
    {
        private static readonly Scalar NegativeInfinity = double.NegativeInfinity.ToScalar();

        /// <summary>Creates the method for <paramref name="tasks"/>, in model order.</summary>
        protected LossWeighting(string name, IReadOnlyList<TaskDefinition> tasks)
            : base(name)
        {
            ArgumentNullException.ThrowIfNull(tasks);
            if (tasks.Count == 0)
            {
                throw new ArgumentException("A loss weighting needs at least one task.", nameof(tasks));
            }

            Tasks = tasks;
        }

        /// <summary>The tasks, in model order.</summary>
        public IReadOnlyList<TaskDefinition> Tasks { get; }

        /// <summary>
        /// Writes the <c>.grad</c> of every parameter the step's losses reach (the gradients are zero on entry), adding the
        /// step's auxiliary terms with their declared weights, and returns the weights applied to the task losses: a
        /// detached <c>[K]</c> tensor on the losses' device (for a gradient method, the weights of its combination).
        /// </summary>
        /// <param name="step">The step's losses, outputs and representation; its graph is intact.</param>
        /// <param name="gradients">Per-task gradients on the shared parameters or the representation, and the write-back.</param>
        public abstract Tensor Backward(TaskStep step, TaskGradients gradients);

        /// <summary>
        /// Called after every optimizer step with the step it followed. <paramref name="lossesAfterStep"/> runs the model again on
        /// the same batch, in inference mode (no graph) and at the stepped weights, and returns each task's loss (in task order; the
        /// step's dispose scope owns them; inference tensors, so read them but do not modify them in place); it costs a forward
        /// pass, so only a method that needs it calls it. Default: nothing.
        /// </summary>
        public virtual void AfterStep(TaskStep step, Func<IReadOnlyList<Tensor>> lossesAfterStep)
        {
        }

        /// <summary>Called after every training epoch with each task's mean training loss (NaN for a task without data). Default: nothing.</summary>
        /// <param name="epoch">The 1-based epoch that ended.</param>
        /// <param name="taskLosses">Each task's mean loss over the epoch, in task order.</param>
        public virtual void OnEpochEnd(int epoch, IReadOnlyList<double> taskLosses)
        {
        }

        /// <summary>
        /// Writes the method's training state that is not in the state dict (its parameters and buffers are saved with the
        /// model's weights) into a checkpoint's <paramref name="state"/>: moving averages, step counts. Default: nothing.
        /// </summary>
        public virtual void SaveState(TrainingState state)
        {
        }

        /// <summary>
        /// Restores what <see cref="SaveState"/> wrote, when a run resumes from a checkpoint. Checks every entry before changing
        /// anything, and throws (<see cref="KeyNotFoundException"/>, <see cref="ArgumentException"/>) when the state does not fit.
        /// Default: nothing.
        /// </summary>
        public virtual void LoadState(TrainingState state)
        {
        }

        /// <summary><c>sum_i weights_i L_i</c> plus the step's weighted auxiliary terms, in the graph; temporaries belong to the caller's scope.</summary>
        protected static Tensor WeightedTotal(TaskStep step, Tensor weights)
        {
            ArgumentNullException.ThrowIfNull(step);
            ArgumentNullException.ThrowIfNull(weights);
            using var losses = torch.stack(step.Losses);
            return WeightedTotal(step, losses, weights);
        }

        /// <summary><see cref="WeightedTotal(TaskStep, Tensor)"/> for the step's <paramref name="losses"/> already stacked <c>[K]</c> (in the graph).</summary>
        protected static Tensor WeightedTotal(TaskStep step, Tensor losses, Tensor weights)
        {
            ArgumentNullException.ThrowIfNull(losses);
            ArgumentNullException.ThrowIfNull(weights);
            using var weighted = losses.mul(weights);
            return WithAuxiliary(step, weighted.sum());
        }

        /// <summary>
        /// <c>softmax(logits)</c> over the tasks present in the step (<see cref="TaskStep.IsPresent"/>): zero for an absent task,
        /// all zeros when none is present. <c>[K]</c>, in the graph of <paramref name="logits"/>; it belongs to the caller's scope.
        /// </summary>
        protected static Tensor SoftmaxOverPresent(TaskStep step, Tensor logits)
        {
            ArgumentNullException.ThrowIfNull(logits);
            var present = PresentTasks(step);
            if (present.All(p => p))
            {
                return logits.softmax(0);
            }

            if (!present.Any(p => p))
            {
                return torch.zeros_like(logits);
            }

            using var absent = torch.tensor(present, device: logits.device).logical_not_();
            using var masked = logits.masked_fill(absent, NegativeInfinity);
            return masked.softmax(0);
        }

        /// <summary>Whether every task is present in the step (always with one shared input); allocates nothing.</summary>
        protected static bool AllPresent(TaskStep step)
        {
            ArgumentNullException.ThrowIfNull(step);
            for (var i = 0; i < step.Losses.Count; i++)
            {
                if (!step.IsPresent(i))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Whether each task is present in the step, in task order (all of them with one shared input).</summary>
        protected static bool[] PresentTasks(TaskStep step)
        {
            ArgumentNullException.ThrowIfNull(step);
            return Enumerable.Range(0, step.Losses.Count).Select(step.IsPresent).ToArray();
        }

        /// <summary>
        /// The rest of a gradient method's backward pass after its task gradients came from
        /// <see cref="TaskGradients.OnSharedParametersAndOthers"/>: the auxiliary terms their declared weights everywhere, and the
        /// shared parameters' <c>.grad</c> set to <paramref name="sharedGradient"/> <c>[D]</c> plus the auxiliary terms' own
        /// gradient on them. The heads already have the gradient of the tasks' part when the helper knows the other parameters;
        /// when it does not, one backward pass of <paramref name="headsTotal"/> (default <c>sum_i L_i</c> over the present tasks)
        /// gives it to them.
        /// </summary>
        protected static void BackwardWithSharedGradient(TaskStep step, TaskGradients gradients, Tensor sharedGradient, Func<Tensor>? headsTotal = null)
        {
            ArgumentNullException.ThrowIfNull(step);
            ArgumentNullException.ThrowIfNull(gradients);
            Tensor TasksTotal() => headsTotal?.Invoke() ?? PresentTotal(step);
            if (step.Auxiliary.Count == 0)
            {
                if (!gradients.KnowsOthers)
                {
                    gradients.BackwardOthers(TasksTotal());
                }

                gradients.WriteShared(sharedGradient);
                return;
            }

            // The auxiliary terms (a reconstruction reaches the encoder) keep their own gradient on the shared parameters.
            var auxiliary = LossSum.Of(step.Auxiliary.Select(term => term.Weighted()).ToArray());
            using var auxiliaryGradient = gradients.OnSharedParametersAndOthers([auxiliary]);
            if (!gradients.KnowsOthers)
            {
                gradients.BackwardOthers(WithAuxiliary(step, TasksTotal()));
            }

            using var total = sharedGradient.add(auxiliaryGradient[0]);
            gradients.WriteShared(total);
        }

        /// <summary><c>sum_i L_i</c> over the present tasks (the first loss, which reaches nothing, when none is present).</summary>
        protected static Tensor PresentTotal(TaskStep step)
        {
            ArgumentNullException.ThrowIfNull(step);
            var present = PresentTasks(step);
            return present.Any(p => p) ? LossSum.Of(step.Losses.Where((_, i) => present[i]).ToArray()) : step.Losses[0];
        }

        /// <summary>The Gram matrix <c>rows_i . rows_j</c> of <paramref name="rows"/> <c>[K, D]</c>, on the host in doubles (one read back from the device).</summary>
        protected static double[,] GramMatrix(Tensor rows)
        {
            ArgumentNullException.ThrowIfNull(rows);
            using var noGrad = torch.no_grad();
            using var transposed = rows.t();
            using var products = rows.mm(transposed);
            var values = HostValues(products);
            var count = (int)rows.size(0);
            var gram = new double[count, count];
            for (var i = 0; i < count; i++)
            {
                for (var j = 0; j < count; j++)
                {
                    gram[i, j] = values[i * count + j];
                }
            }

            return gram;
        }

        /// <summary>
        /// The elements of a contiguous float32 CPU tensor, read from its storage's bytes: <c>data&lt;float&gt;()</c> makes an accessor
        /// that costs over ten times as much as a K-element read.
        /// </summary>
        protected static float[] StorageFloats(Tensor values)
        {
            ArgumentNullException.ThrowIfNull(values);
            return MemoryMarshal.Cast<byte, float>(values.bytes).ToArray();
        }

        /// <summary>The elements of <paramref name="values"/> on the host in doubles (one read back from the device).</summary>
        protected static double[] HostValues(Tensor values)
        {
            ArgumentNullException.ThrowIfNull(values);
            if (values.dtype == ScalarType.Float32 && values.device_type == DeviceType.CPU && values.is_contiguous())
            {
                return Array.ConvertAll(StorageFloats(values), v => (double)v);
            }

            using var onHost = values.to(ScalarType.Float64, torch.CPU);
            return onHost.data<double>().ToArray();
        }

        /// <summary>The rows and columns <paramref name="indices"/> of <paramref name="gram"/>, in their order (itself when they are all of them).</summary>
        protected static double[,] Submatrix(double[,] gram, int[] indices)
        {
            ArgumentNullException.ThrowIfNull(gram);
            ArgumentNullException.ThrowIfNull(indices);
            if (indices.Length == gram.GetLength(0))
            {
                return gram;
            }

            var selected = new double[indices.Length, indices.Length];
            for (var a = 0; a < indices.Length; a++)
            {
                for (var b = 0; b < indices.Length; b++)
                {
                    selected[a, b] = gram[indices[a], indices[b]];
                }
            }

            return selected;
        }

        /// <summary><paramref name="values"/> as a float <c>[K]</c> tensor on <paramref name="device"/> (the weights a method applied).</summary>
        protected static Tensor WeightTensor(IEnumerable<double> values, Device device)
            => torch.tensor(values.Select(w => (float)w).ToArray(), device: device);

        /// <summary><paramref name="taskTotal"/> plus the step's auxiliary terms with their declared weights (itself when there are none).</summary>
        protected static Tensor WithAuxiliary(TaskStep step, Tensor taskTotal)
        {
            ArgumentNullException.ThrowIfNull(step);
            return step.Auxiliary.Count == 0 ? taskTotal : LossSum.Of([taskTotal, .. step.Auxiliary.Select(term => term.Weighted())]);
        }
    }
}
