using System;
using System.Collections.Generic;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// The Adam moments of every parameter of an optimizer in flat buffers, one element per parameter element, group after
    /// group, and each parameter's moments as views into them (handed to TorchSharp's per-parameter state, so
    /// <c>state_dict</c>, saving and loading see ordinary tensors). A step over a run of parameters concatenates their
    /// gradients once, updates the moments and computes the update for the run as a whole, then adds each parameter's slice
    /// of it: the same element-wise operations in the same order as the per-parameter update, so the result is the same.
    /// </summary>
    internal sealed class FlatAdamBuffers : IDisposable
    {
        private readonly Parameter[] parameters;
        private readonly long[] offsets;
        private readonly Tensor expAvg;
        private readonly Tensor expAvgSq;
        private readonly Tensor? maxExpAvgSq;
        private readonly Tensor update;
        private readonly AdamMoments[] views;
        private readonly Tensor[] updateViews;

        private FlatAdamBuffers(Parameter[] parameters, AdamMoments[] current, bool amsgrad)
        {
            this.parameters = parameters;
            offsets = new long[parameters.Length + 1];
            for (var i = 0; i < parameters.Length; i++)
            {
                offsets[i + 1] = offsets[i] + parameters[i].numel();
            }

            var (total, first) = (offsets[^1], parameters[0]);
            expAvg = Buffer(total, first);
            expAvgSq = Buffer(total, first);
            maxExpAvgSq = amsgrad ? Buffer(total, first) : null;
            update = Buffer(total, first);
            views = new AdamMoments[parameters.Length];
            updateViews = new Tensor[parameters.Length];
            for (var i = 0; i < parameters.Length; i++)
            {
                var (offset, count, shape) = (offsets[i], offsets[i + 1] - offsets[i], parameters[i].shape);
                views[i] = new AdamMoments(
                    Slice(expAvg, offset, count, shape, current[i].ExpAvg),
                    Slice(expAvgSq, offset, count, shape, current[i].ExpAvgSq),
                    maxExpAvgSq is null ? null : Slice(maxExpAvgSq, offset, count, shape, current[i].MaxExpAvgSq!));
                updateViews[i] = Slice(update, offset, count, shape, null);
            }
        }

        /// <summary>
        /// Flat buffers holding the current moments (with AMSGrad's maximum when every parameter has one), or null when the
        /// parameters cannot share one buffer (none, different dtypes or devices, or a moment shaped unlike its parameter).
        /// </summary>
        public static FlatAdamBuffers? TryCreate(IReadOnlyList<Parameter> parameters, AdamMoments[] current)
        {
            if (parameters.Count == 0)
            {
                return null;
            }

            var amsgrad = Array.TrueForAll(current, m => m.MaxExpAvgSq is not null);
            var (dtype, device, index) = (parameters[0].dtype, parameters[0].device_type, parameters[0].device_index);
            for (var i = 0; i < parameters.Count; i++)
            {
                var p = parameters[i];
                if (p.dtype != dtype || p.device_type != device || p.device_index != index || !SameShape(current[i].ExpAvg, p) || !SameShape(current[i].ExpAvgSq, p)
                    || (amsgrad && !SameShape(current[i].MaxExpAvgSq!, p)))
                {
                    return null;
                }
            }

            return new FlatAdamBuffers([.. parameters], current, amsgrad);
        }

        /// <summary>The views handed out for parameter <paramref name="index"/>.</summary>
        public AdamMoments Moments(int index) => views[index];

        /// <summary>
        /// Whether these are still the optimizer's parameters and the state still holds these views (loading a state dict
        /// or moving the state to another device replaces them; the caller then builds the buffers anew).
        /// </summary>
        public bool Holds(IReadOnlyList<Parameter> current, AdamMoments[] moments)
        {
            if (current.Count != parameters.Length)
            {
                return false;
            }

            for (var i = 0; i < parameters.Length; i++)
            {
                if (!ReferenceEquals(current[i], parameters[i])
                    || !ReferenceEquals(moments[i].ExpAvg, views[i].ExpAvg)
                    || !ReferenceEquals(moments[i].ExpAvgSq, views[i].ExpAvgSq)
                    || (maxExpAvgSq is not null && !ReferenceEquals(moments[i].MaxExpAvgSq, views[i].MaxExpAvgSq)))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// One Adam step for <paramref name="count"/> parameters from index <paramref name="first"/> on, all at step
        /// <paramref name="step"/> with the same settings; <paramref name="grads"/> holds the gradient of every parameter, by index.
        /// </summary>
        public void Step(int first, int count, Tensor[] grads, long step, AdamSettings settings, AdamScalars scalars)
        {
            using var scope = torch.NewDisposeScope();
            var (start, length) = (offsets[first], offsets[first + count] - offsets[first]);
            Tensor Range(Tensor buffer) => length == offsets[^1] ? buffer : buffer.narrow(0, start, length);

            var grad = torch.cat(Array.ConvertAll(grads[first..(first + count)], g => g.reshape(-1)), 0);
            if (settings.Maximize)
            {
                grad.neg_();
            }

            if (settings.WeightDecay != 0)
            {
                if (settings.Decoupled)
                {
                    for (var i = first; i < first + count; i++)
                    {
                        parameters[i].mul_(scalars.Decay);
                    }
                }
                else
                {
                    grad.add_(torch.cat(Array.ConvertAll(parameters[first..(first + count)], p => p.reshape(-1)), 0), scalars.Decay);
                }
            }

            var (m, v) = (Range(expAvg), Range(expAvgSq));
            m.mul_(scalars.Beta1).add_(grad, scalars.OneMinusBeta1);
            v.mul_(scalars.Beta2).addcmul_(grad, grad, scalars.OneMinusBeta2);
            var second = v;
            if (settings.AmsGrad && maxExpAvgSq is not null)
            {
                second = Range(maxExpAvgSq);
                second.copy_(torch.maximum(second, v));
            }

            var (sqrtCorrection, stepSize) = AdamScalars.BiasCorrection(settings, step);
            using (sqrtCorrection)
            using (stepSize)
            {
                var denominator = scalars.Denominator(second, sqrtCorrection);

                // addcdiv's order: (stepSize * m) / denominator, then added.
                Range(update).copy_(m).mul_(stepSize).div_(denominator);
            }

            for (var i = first; i < first + count; i++)
            {
                parameters[i].add_(updateViews[i], Scalars.One);
            }
        }

        public void Dispose()
        {
            foreach (var view in views)
            {
                view.ExpAvg.Dispose();
                view.ExpAvgSq.Dispose();
                view.MaxExpAvgSq?.Dispose();
            }

            foreach (var view in updateViews)
            {
                view.Dispose();
            }

            expAvg.Dispose();
            expAvgSq.Dispose();
            maxExpAvgSq?.Dispose();
            update.Dispose();
        }

        private static Tensor Buffer(long count, Tensor like)
            => torch.zeros(count, dtype: like.dtype, device: like.device).DetachFromDisposeScope();

        /// <summary>The slice of a flat buffer shaped as a parameter, holding <paramref name="values"/> when given.</summary>
        private static Tensor Slice(Tensor buffer, long offset, long count, long[] shape, Tensor? values)
        {
            using var flat = buffer.narrow(0, offset, count);
            var view = flat.view(shape).DetachFromDisposeScope();
            if (values is not null)
            {
                view.copy_(values);
            }

            return view;
        }

        private static bool SameShape(Tensor tensor, Tensor parameter) => tensor.shape.AsSpan().SequenceEqual(parameter.shape);
    }
}
