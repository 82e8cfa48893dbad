using System;
using System.Collections.Generic;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// The Adam moments of one parameter group in flat buffers, one element per parameter element in the group's order,
    /// and each parameter's moments as views into them (handed to TorchSharp's per-parameter state, so <c>state_dict</c>,
    /// saving and loading see ordinary tensors). A step concatenates the gradients once, updates the moments and computes
    /// the update for the whole group, then adds each parameter's slice of it: the same element-wise operations in the same
    /// order as the per-parameter update, so the result is identical to the last bit.
    /// </summary>
    internal sealed class FlatAdamGroup : IDisposable
    {
        private readonly Parameter[] parameters;
        private readonly Tensor expAvg;
        private readonly Tensor expAvgSq;
        private readonly Tensor? maxExpAvgSq;
        private readonly Tensor update;
        private readonly AdamMoments[] views;
        private readonly Tensor[] updateViews;

        private FlatAdamGroup(Parameter[] parameters, AdamMoments[] current, bool amsgrad)
        {
            this.parameters = parameters;
            var first = parameters[0];
            long total = 0;
            foreach (var parameter in parameters)
            {
                total += parameter.numel();
            }

            expAvg = Buffer(total, first);
            expAvgSq = Buffer(total, first);
            maxExpAvgSq = amsgrad ? Buffer(total, first) : null;
            update = Buffer(total, first);
            views = new AdamMoments[parameters.Length];
            updateViews = new Tensor[parameters.Length];
            long offset = 0;
            for (var i = 0; i < parameters.Length; i++)
            {
                var (shape, count) = (parameters[i].shape, parameters[i].numel());
                views[i] = new AdamMoments(
                    Slice(expAvg, offset, count, shape, current[i].ExpAvg),
                    Slice(expAvgSq, offset, count, shape, current[i].ExpAvgSq),
                    maxExpAvgSq is null ? null : Slice(maxExpAvgSq, offset, count, shape, current[i].MaxExpAvgSq!));
                updateViews[i] = Slice(update, offset, count, shape, null);
                offset += count;
            }
        }

        /// <summary>
        /// Flat buffers holding the current moments (with AMSGrad's maximum when every parameter has one), or null when the
        /// parameters cannot share one buffer (different dtypes or devices, or a moment shaped unlike its parameter).
        /// </summary>
        public static FlatAdamGroup? TryCreate(IList<Parameter> parameters, AdamMoments[] current)
        {
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

            var copy = new Parameter[parameters.Count];
            parameters.CopyTo(copy, 0);
            return new FlatAdamGroup(copy, current, amsgrad);
        }

        /// <summary>The views this group handed out for parameter <paramref name="index"/>.</summary>
        public AdamMoments Moments(int index) => views[index];

        /// <summary>
        /// Whether these are still the group's parameters and the state still holds this group's views (loading a state
        /// dict or moving the state to another device replaces them; the caller then builds the buffers anew).
        /// </summary>
        public bool Holds(IList<Parameter> current, AdamMoments[] moments)
        {
            var amsgrad = maxExpAvgSq is not null;
            if (current.Count != parameters.Length)
            {
                return false;
            }

            for (var i = 0; i < parameters.Length; i++)
            {
                if (!ReferenceEquals(current[i], parameters[i])
                    || !ReferenceEquals(moments[i].ExpAvg, views[i].ExpAvg)
                    || !ReferenceEquals(moments[i].ExpAvgSq, views[i].ExpAvgSq)
                    || (amsgrad && !ReferenceEquals(moments[i].MaxExpAvgSq, views[i].MaxExpAvgSq)))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>One Adam step for every parameter of the group, all at step <paramref name="step"/>.</summary>
        public void Step(Tensor[] grads, long step, AdamSettings settings, AdamScalars scalars)
        {
            using var scope = torch.NewDisposeScope();
            var grad = torch.cat(Array.ConvertAll(grads, g => g.reshape(-1)), 0);
            if (settings.Maximize)
            {
                grad.neg_();
            }

            if (settings.WeightDecay != 0)
            {
                if (settings.Decoupled)
                {
                    foreach (var parameter in parameters)
                    {
                        parameter.mul_(scalars.Decay);
                    }
                }
                else
                {
                    grad.add_(torch.cat(Array.ConvertAll(parameters, p => p.reshape(-1)), 0), scalars.Decay);
                }
            }

            expAvg.mul_(scalars.Beta1).add_(grad, scalars.OneMinusBeta1);
            expAvgSq.mul_(scalars.Beta2).addcmul_(grad, grad, scalars.OneMinusBeta2);
            var second = expAvgSq;
            if (settings.AmsGrad && maxExpAvgSq is not null)
            {
                maxExpAvgSq.copy_(torch.maximum(maxExpAvgSq, expAvgSq));
                second = maxExpAvgSq;
            }

            var (sqrtCorrection, stepSize) = AdamScalars.BiasCorrection(settings, step);
            using (sqrtCorrection)
            using (stepSize)
            {
                var denominator = second.sqrt();
                denominator.div_(sqrtCorrection).add_(scalars.Eps);

                // addcdiv's order: (stepSize * m) / denominator, then added.
                update.copy_(expAvg).mul_(stepSize).div_(denominator);
            }

            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].add_(updateViews[i]);
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
