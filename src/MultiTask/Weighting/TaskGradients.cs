using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// The gradient helper of a <see cref="LossWeighting"/>: each task's gradient on the shared parameters as one
    /// <c>[K, D]</c> matrix (one backward pass per task into its row, the graph retained) or on the shared representation, and the
    /// write-back of a combined vector into the shared parameters' <c>.grad</c>. The matrix and the combined vector live in
    /// buffers allocated on the first step and reused by every later one (a step writes them in place), so a gradient method
    /// allocates no <c>[K, D]</c> tensor per step. Other temporaries belong to the step's dispose scope. Disposing the helper
    /// frees the buffers.
    /// </summary>
    public sealed class TaskGradients : IDisposable
    {
        private readonly Parameter[] shared;
        private readonly Parameter[]? others;
        private readonly Dictionary<int, RowBuffer> matrices = [];
        private Tensor[]? sharedInputs;
        private Tensor[]? sharedAndOthers;
        private RowBuffer? combined;

        /// <summary>Creates the helper over <paramref name="sharedParameters"/>, in a fixed order (the columns of the matrices).</summary>
        /// <param name="sharedParameters">The parameters every task reaches.</param>
        /// <param name="otherParameters">
        /// The model's other trainable parameters (heads, a decoder): when given, the backward pass that gives them their gradients
        /// (<see cref="BackwardOthers"/>) skips the shared parameters, whose gradient the method writes itself; when null, it is a
        /// full backward pass.
        /// </param>
        public TaskGradients(IReadOnlyList<Parameter> sharedParameters, IReadOnlyList<Parameter>? otherParameters = null)
        {
            ArgumentNullException.ThrowIfNull(sharedParameters);
            shared = sharedParameters.ToArray();
            SharedSize = shared.Sum(p => p.numel());
            others = otherParameters?.Where(p => p.requires_grad).ToArray();
        }

        /// <summary>The shared parameters, in column order.</summary>
        public IReadOnlyList<Parameter> SharedParameters => shared;

        /// <summary>D, the number of shared parameter elements.</summary>
        public long SharedSize { get; }

        /// <summary>
        /// <c>[K, D]</c>: row i is the gradient of <paramref name="losses"/>[i] with respect to the shared parameters, flattened in
        /// <see cref="SharedParameters"/> order; zero for a parameter the loss does not reach (or an absent task). The graph is
        /// retained, so a backward pass may follow. The result is a view of a buffer that the next call with as many losses
        /// overwrites (clone it to keep it longer); disposing the view leaves the buffer alone.
        /// </summary>
        public Tensor OnSharedParameters(IReadOnlyList<Tensor> losses) => Rows(losses, null, withOthers: false);

        /// <summary>
        /// The rows of <see cref="OnSharedParameters"/>, row i the gradient of <c>scales_i L_i</c> (of <c>L_i</c> where
        /// <paramref name="scales"/> or its element is null; a scale is a 0-dimensional tensor without gradient), from passes that
        /// also accumulate the same gradients into the other parameters' <c>.grad</c> when they are known (<see cref="KnowsOthers"/>):
        /// the heads' step, <c>sum_i scales_i L_i</c>, with no backward pass of its own. When they are not known, only the rows,
        /// and a <see cref="BackwardOthers"/> must follow.
        /// </summary>
        public Tensor OnSharedParametersAndOthers(IReadOnlyList<Tensor> losses, IReadOnlyList<Tensor?>? scales = null)
        {
            ArgumentNullException.ThrowIfNull(losses);
            if (scales is not null && scales.Count != losses.Count)
            {
                throw new ArgumentException($"Expected {losses.Count} scales, one per loss, got {scales.Count}.", nameof(scales));
            }

            return Rows(losses, scales, withOthers: true);
        }

        /// <summary>
        /// Each loss back-propagated once into its row of the buffer: the shared parameters' <c>.grad</c> are pointed at the row's
        /// views (zeroed), so autograd accumulates the gradient there in place with no copy, and the other parameters' <c>.grad</c>
        /// accumulate too when <paramref name="withOthers"/>; the shared parameters' own <c>.grad</c> are put back afterwards.
        /// </summary>
        private Tensor Rows(IReadOnlyList<Tensor> losses, IReadOnlyList<Tensor?>? scales, bool withOthers)
        {
            ArgumentNullException.ThrowIfNull(losses);
            if (shared.Length == 0)
            {
                throw new InvalidOperationException("The model has no shared parameters (no trunk, encoder or expert layer); this weighting needs them.");
            }

            var matrix = Matrix(losses.Count);
            var inputs = withOthers && others is { Length: > 0 } ? sharedAndOthers ??= [.. shared, .. others] : sharedInputs ??= [.. shared];
            var ownGradients = shared.Select(p => p.grad).ToArray();
            try
            {
                using (torch.no_grad())
                {
                    matrix.Rows.zero_();
                }

                for (var i = 0; i < losses.Count; i++)
                {
                    // An absent task's placeholder loss reaches no parameter: its row stays zero.
                    if (!losses[i].requires_grad)
                    {
                        continue;
                    }

                    for (var j = 0; j < shared.Length; j++)
                    {
                        shared[j].grad = matrix.Views[i][j];
                    }

                    var scale = scales?[i];
                    losses[i].backward(scale is null ? null : [scale], retain_graph: true, inputs: inputs);
                }
            }
            finally
            {
                for (var j = 0; j < shared.Length; j++)
                {
                    shared[j].grad = ownGradients[j];
                    ownGradients[j]?.Dispose();
                }
            }

            return matrix.Rows.alias();
        }

        /// <summary>
        /// <c>weights^T G</c> <c>[D]</c> for the <c>[K, D]</c> matrix <c>G</c> of the last <see cref="OnSharedParameters"/> call with
        /// K losses and <paramref name="weights"/> <c>[K]</c>: the weighted sum of the task gradients, computed into a reused buffer
        /// (valid until the next call; do not dispose it), which <see cref="WriteShared(Tensor)"/> writes back without a copy of its own.
        /// </summary>
        public Tensor Combine(Tensor weights)
        {
            ArgumentNullException.ThrowIfNull(weights);
            var count = (int)weights.size(0);
            if (!matrices.TryGetValue(count, out var matrix))
            {
                throw new InvalidOperationException($"No task gradients of {count} losses to combine; call OnSharedParameters first.");
            }

            return CombineInto(matrix.Transposed, weights);
        }

        /// <summary>
        /// <c>weights^T rows</c> <c>[D]</c> for a method's own <paramref name="rows"/> <c>[K, D]</c> (DB-MTL's moving averages), into
        /// the buffer of <see cref="Combine(Tensor)"/>, with the same lifetime.
        /// </summary>
        public Tensor Combine(Tensor rows, Tensor weights)
        {
            ArgumentNullException.ThrowIfNull(rows);
            ArgumentNullException.ThrowIfNull(weights);
            using var transposed = rows.t();
            return CombineInto(transposed, weights);
        }

        private Tensor CombineInto(Tensor transposed, Tensor weights)
        {
            var target = Combined();
            using var noGrad = torch.no_grad();
            using var typed = weights.dtype == target.Rows.dtype ? null : weights.to(target.Rows.dtype);
            target.Rows.addmv_(transposed, typed ?? weights, beta: 0);
            return target.Rows;
        }

        /// <summary>
        /// Each task's gradient with respect to what its head reads (<see cref="TaskStep.Representation"/>), flattened: with one
        /// shared representation a <c>[K, N * W]</c> matrix; with one per task, a list of <c>[N_i * W]</c> vectors (null for an
        /// absent task). The graph is retained.
        /// </summary>
        public IReadOnlyList<Tensor?> OnRepresentation(TaskStep step)
        {
            ArgumentNullException.ThrowIfNull(step);
            var representation = step.Representation
                ?? throw new InvalidOperationException("The model has no shared representation (no trunk, encoder or expert layer); this weighting needs one.");
            var gradients = new Tensor?[step.Losses.Count];
            for (var i = 0; i < step.Losses.Count; i++)
            {
                if (representation[i] is not { } read || !step.IsPresent(i))
                {
                    continue;
                }

                gradients[i] = Gradients(step.Losses[i], [read])[0] is { IsInvalid: false } g ? g.reshape(-1) : torch.zeros(read.numel(), dtype: read.dtype, device: read.device);
            }

            return gradients;
        }

        /// <summary>
        /// <see cref="OnRepresentation"/> from passes that also accumulate each present task's loss gradient into the other
        /// parameters' <c>.grad</c> (<see cref="KnowsOthers"/> must hold): the heads' step, <c>sum_i L_i</c>, with no backward pass of
        /// its own. A representation is not a leaf, so each pass leaves its gradient in the representation's <c>.grad</c>, which is
        /// taken and cleared for the next task.
        /// </summary>
        public IReadOnlyList<Tensor?> OnRepresentationAndOthers(TaskStep step)
        {
            ArgumentNullException.ThrowIfNull(step);
            if (others is null)
            {
                throw new InvalidOperationException("The model's other parameters are not known; use OnRepresentation and BackwardOthers.");
            }

            var representation = step.Representation
                ?? throw new InvalidOperationException("The model has no shared representation (no trunk, encoder or expert layer); this weighting needs one.");
            var gradients = new Tensor?[step.Losses.Count];
            for (var i = 0; i < step.Losses.Count; i++)
            {
                if (representation[i] is not { } read || !step.IsPresent(i) || !step.Losses[i].requires_grad)
                {
                    continue;
                }

                read.grad = null;
                step.Losses[i].backward(null, retain_graph: true, inputs: [read, .. others]);
                using var gradient = read.grad;
                read.grad = null;
                gradients[i] = gradient is null ? torch.zeros(read.numel(), dtype: read.dtype, device: read.device) : gradient.reshape(-1);
            }

            return gradients;
        }

        /// <summary>Whether the model's other parameters are known, so that <see cref="BackwardOthers"/> leaves the shared ones alone.</summary>
        public bool KnowsOthers => others is not null;

        /// <summary>
        /// Back-propagates <paramref name="gradient"/> (flattened) from the shared <paramref name="representation"/> into the shared
        /// parameters only, whose <c>.grad</c> accumulate: one pass through the trunk. The graph is retained.
        /// </summary>
        public void BackwardShared(Tensor representation, Tensor gradient)
        {
            ArgumentNullException.ThrowIfNull(representation);
            ArgumentNullException.ThrowIfNull(gradient);
            using var shaped = gradient.view(representation.shape);
            representation.backward([shaped], retain_graph: true, inputs: shared);
        }

        /// <summary>
        /// Back-propagates <paramref name="total"/> into every parameter but the shared ones when the other parameters are known
        /// (their <c>.grad</c> accumulate; the shared ones are left as they are, for <see cref="WriteShared(Tensor)"/>), else into all.
        /// </summary>
        public void BackwardOthers(Tensor total)
        {
            ArgumentNullException.ThrowIfNull(total);
            if (others is null)
            {
                total.backward();
            }
            else if (others.Length > 0)
            {
                total.backward(inputs: others);
            }
        }

        /// <summary>Sets the shared parameters' <c>.grad</c> to <paramref name="combined"/> <c>[D]</c>, split in <see cref="SharedParameters"/> order.</summary>
        public void WriteShared(Tensor combined)
        {
            ArgumentNullException.ThrowIfNull(combined);
            if (combined.dim() != 1 || combined.size(0) != SharedSize)
            {
                throw new ArgumentException($"Expected a combined gradient of shape [{SharedSize}], got {Shapes.Format(combined)}.", nameof(combined));
            }

            using var noGrad = torch.no_grad();
            var views = ReferenceEquals(combined, this.combined?.Rows) ? this.combined.Views[0] : null;
            long offset = 0;
            for (var j = 0; j < shared.Length; j++)
            {
                var parameter = shared[j];
                var count = parameter.numel();
                using var slice = views is null ? combined.narrow(0, offset, count) : null;
                using var shaped = slice?.view(parameter.shape);
                var source = views?[j] ?? shaped!;
                if (parameter.grad is { } grad)
                {
                    grad.copy_(source);
                }
                else
                {
                    parameter.grad = source.clone();
                }

                offset += count;
            }
        }

        private static IList<Tensor?> Gradients(Tensor loss, IList<Tensor> inputs)
        {
            if (!loss.requires_grad)
            {
                return new Tensor?[inputs.Count];
            }

            return torch.autograd.grad([loss], inputs, retain_graph: true, allow_unused: true)!;
        }

        /// <summary>The reused <c>[K, D]</c> buffer for <paramref name="rows"/> losses, made on the first call (again if the parameters moved).</summary>
        private RowBuffer Matrix(int rows)
        {
            if (!matrices.TryGetValue(rows, out var matrix) || !matrix.Fits(shared[0]))
            {
                matrix?.Dispose();
                matrix = new RowBuffer(rows, shared);
                matrices[rows] = matrix;
            }

            return matrix;
        }

        /// <inheritdoc />
        public void Dispose()
        {
            foreach (var matrix in matrices.Values)
            {
                matrix.Dispose();
            }

            matrices.Clear();
            combined?.Dispose();
            combined = null;
        }

        private RowBuffer Combined()
        {
            if (combined is null || !combined.Fits(shared[0]))
            {
                combined?.Dispose();
                combined = new RowBuffer(0, shared);
            }

            return combined;
        }

        /// <summary>
        /// A <c>[K, D]</c> tensor (<c>[D]</c> for K = 0) outside every dispose scope, with each row's slice for each parameter as a view
        /// of the parameter's shape, and the transpose; made once, written in place every step.
        /// </summary>
        private sealed class RowBuffer : IDisposable
        {
            private readonly ScalarType dtype;
            private readonly DeviceType deviceType;
            private readonly int deviceIndex;

            public RowBuffer(int rows, Parameter[] parameters)
            {
                var first = parameters[0];
                (dtype, deviceType, deviceIndex) = (first.dtype, first.device_type, first.device_index);
                var size = parameters.Sum(p => p.numel());
                Rows = (rows == 0 ? torch.zeros(size, dtype: first.dtype, device: first.device) : torch.zeros(rows, size, dtype: first.dtype, device: first.device)).DetachFromDisposeScope();
                Transposed = (rows == 0 ? Rows.alias() : Rows.t()).DetachFromDisposeScope();
                Views = new Tensor[Math.Max(rows, 1)][];
                for (var i = 0; i < Views.Length; i++)
                {
                    using var row = rows == 0 ? Rows.alias() : Rows[i];
                    Views[i] = new Tensor[parameters.Length];
                    long offset = 0;
                    for (var j = 0; j < parameters.Length; j++)
                    {
                        var count = parameters[j].numel();
                        using var slice = row.narrow(0, offset, count);
                        Views[i][j] = slice.view(parameters[j].shape).DetachFromDisposeScope();
                        offset += count;
                    }
                }
            }

            public Tensor Rows { get; }

            public Tensor Transposed { get; }

            public Tensor[][] Views { get; }

            public bool Fits(Parameter parameter) => parameter.dtype == dtype && parameter.device_type == deviceType && parameter.device_index == deviceIndex;

            public void Dispose()
            {
                foreach (var view in Views.SelectMany(v => v))
                {
                    view.Dispose();
                }

                Transposed.Dispose();
                Rows.Dispose();
            }
        }
    }
}
