using System;
using System.Collections.Generic;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>One parameter group's Adam (or AdamW) hyper-parameters for one step.</summary>
    internal readonly record struct AdamSettings(double LearningRate, double Beta1, double Beta2, double Eps, double WeightDecay, bool Decoupled, bool AmsGrad, bool Maximize);

    /// <summary>One parameter's Adam moments; <see cref="MaxExpAvgSq"/> only with AMSGrad.</summary>
    internal readonly record struct AdamMoments(Tensor ExpAvg, Tensor ExpAvgSq, Tensor? MaxExpAvgSq);

    /// <summary>How to read and write TorchSharp's per-parameter Adam or AdamW state (two classes with the same fields).</summary>
    internal sealed record AdamStateAccess<TState>(
        Func<TState, long> Step,
        Action<TState, long> SetStep,
        Func<TState, AdamMoments> Moments,
        Action<TState, AdamMoments> SetMoments);

    /// <summary>
    /// The Adam update of the runtime's <see cref="AdamOptimizer"/> and <see cref="AdamWOptimizer"/>, in TorchSharp's and
    /// PyTorch's order of operations: <c>m = b1 m + (1 - b1) g</c>, <c>v = b2 v + (1 - b2) g²</c>,
    /// <c>p -= lr / (1 - b1^t) · m / (sqrt(v) / sqrt(1 - b2^t) + eps)</c>. Every Scalar and temporary tensor is disposed at once.
    /// A group whose parameters all have a gradient and the same step count (the usual case from the first step on) is
    /// updated as one: its moments live in flat buffers (<see cref="FlatAdamGroup"/>), so a step costs about ten tensor
    /// operations for the whole group instead of eight per parameter. Other groups take the per-parameter path.
    /// </summary>
    internal sealed class AdamUpdate<TState> : IDisposable
    {
        private readonly AdamStateAccess<TState> access;
        private readonly Func<IntPtr, TState> stateOf;
        private readonly Dictionary<object, FlatAdamGroup> flatGroups = new(ReferenceEqualityComparer.Instance);

        /// <summary>
        /// Moves the moments that TorchSharp's constructor made for every group into flat buffers (zeros either way; done
        /// here rather than at the first step so that the optimizer holds the same tensors from its construction on).
        /// </summary>
        /// <param name="access">Reads and writes the optimizer's per-parameter state.</param>
        /// <param name="groups">The optimizer's parameter groups: a key that identifies the group in <see cref="Step"/>, and its parameters.</param>
        /// <param name="stateOf">The state of a parameter, by handle.</param>
        public AdamUpdate(AdamStateAccess<TState> access, IEnumerable<(object Key, IEnumerable<Parameter> Parameters)> groups, Func<IntPtr, TState> stateOf)
        {
            this.access = access;
            this.stateOf = stateOf;
            foreach (var (key, parameters) in groups)
            {
                var list = new List<Parameter>(parameters);
                var states = list.ConvertAll(p => stateOf(p.Handle)).ToArray();
                var constructorMoments = MomentsOf(states);
                if (Flatten(key, list, states) is not null)
                {
                    foreach (var moments in constructorMoments)
                    {
                        moments.ExpAvg.Dispose();
                        moments.ExpAvgSq.Dispose();
                        moments.MaxExpAvgSq?.Dispose();
                    }
                }
            }
        }

        /// <summary>Updates the parameters of one group, identified by the key given to the constructor.</summary>
        public void Step(object group, IEnumerable<Parameter> groupParameters, AdamSettings settings)
        {
            var parameters = groupParameters as IList<Parameter> ?? new List<Parameter>(groupParameters);
            var states = new TState[parameters.Count];
            var grads = new Tensor?[parameters.Count];
            try
            {
                for (var i = 0; i < parameters.Count; i++)
                {
                    states[i] = stateOf(parameters[i].Handle);
                    grads[i] = parameters[i].grad;
                }

                using var scalars = new AdamScalars(settings);
                if (FlatStep(group, parameters, states, grads, settings, scalars))
                {
                    return;
                }

                for (var i = 0; i < parameters.Count; i++)
                {
                    if (grads[i] is { } grad)
                    {
                        var step = access.Step(states[i]) + 1;
                        access.SetStep(states[i], step);
                        PerParameter(parameters[i], grad, access.Moments(states[i]), step, settings, scalars);
                    }
                }
            }
            finally
            {
                foreach (var grad in grads)
                {
                    grad?.Dispose();
                }
            }
        }

        public void Dispose()
        {
            foreach (var flat in flatGroups.Values)
            {
                flat.Dispose();
            }

            flatGroups.Clear();
        }

        /// <summary>The whole group as one update, when every parameter has a gradient and all are at the same step.</summary>
        private bool FlatStep(object group, IList<Parameter> parameters, TState[] states, Tensor?[] grads, AdamSettings settings, AdamScalars scalars)
        {
            if (Array.Exists(grads, g => g is null))
            {
                return false;
            }

            var step = access.Step(states[0]);
            if (!Array.TrueForAll(states, s => access.Step(s) == step))
            {
                return false;
            }

            if (!flatGroups.TryGetValue(group, out var flat) || !flat.Holds(parameters, MomentsOf(states)))
            {
                // New parameters, or moments replaced by loading a state dict or moving the state: flat buffers holding the
                // current values. The replaced tensors are not disposed: a state dict loaded from another optimizer shares them.
                flat = Flatten(group, parameters, states);
                if (flat is null)
                {
                    return false;
                }
            }

            step++;
            foreach (var state in states)
            {
                access.SetStep(state, step);
            }

            flat.Step(grads!, step, settings, scalars);
            return true;
        }

        /// <summary>Flat buffers holding the group's current moments, handed to its states; null when the group cannot have them.</summary>
        private FlatAdamGroup? Flatten(object group, IList<Parameter> parameters, TState[] states)
        {
            var flat = parameters.Count < 2 ? null : FlatAdamGroup.TryCreate(parameters, MomentsOf(states));
            if (flat is null)
            {
                return null;
            }

            for (var i = 0; i < states.Length; i++)
            {
                access.SetMoments(states[i], flat.Moments(i));
            }

            if (flatGroups.Remove(group, out var previous))
            {
                previous.Dispose();
            }

            flatGroups[group] = flat;
            return flat;
        }

        private AdamMoments[] MomentsOf(TState[] states) => Array.ConvertAll(states, state => access.Moments(state));

        private static void PerParameter(Parameter parameter, Tensor rawGrad, AdamMoments moments, long step, AdamSettings settings, AdamScalars scalars)
        {
            using var negated = settings.Maximize ? rawGrad.neg() : null;
            var grad = negated ?? rawGrad;
            Tensor? decayed = null;
            if (settings.WeightDecay != 0)
            {
                if (settings.Decoupled)
                {
                    parameter.mul_(scalars.Decay);
                }
                else
                {
                    decayed = grad.add(parameter, scalars.Decay);
                    grad = decayed;
                }
            }

            using (decayed)
            {
                moments.ExpAvg.mul_(scalars.Beta1).add_(grad, scalars.OneMinusBeta1);
                moments.ExpAvgSq.mul_(scalars.Beta2).addcmul_(grad, grad, scalars.OneMinusBeta2);
                var second = moments.ExpAvgSq;
                if (settings.AmsGrad && moments.MaxExpAvgSq is { } maxExpAvgSq)
                {
                    using var maximum = torch.maximum(maxExpAvgSq, moments.ExpAvgSq);
                    maxExpAvgSq.copy_(maximum);
                    second = maxExpAvgSq;
                }

                var (sqrtCorrection, stepSize) = AdamScalars.BiasCorrection(settings, step);
                using (sqrtCorrection)
                using (stepSize)
                using (var denominator = second.sqrt())
                {
                    denominator.div_(sqrtCorrection).add_(scalars.Eps);
                    parameter.addcdiv_(moments.ExpAvg, denominator, stepSize);
                }
            }
        }
    }

    /// <summary>The Scalars of one group's step, made once per step and disposed after it.</summary>
    internal sealed class AdamScalars : IDisposable
    {
        public AdamScalars(AdamSettings settings)
        {
            Beta1 = settings.Beta1.ToScalar();
            OneMinusBeta1 = (1 - settings.Beta1).ToScalar();
            Beta2 = settings.Beta2.ToScalar();
            OneMinusBeta2 = (1 - settings.Beta2).ToScalar();
            Eps = settings.Eps.ToScalar();
            Decay = (settings.Decoupled ? 1 - settings.LearningRate * settings.WeightDecay : settings.WeightDecay).ToScalar();
        }

        public Scalar Beta1 { get; }

        public Scalar OneMinusBeta1 { get; }

        public Scalar Beta2 { get; }

        public Scalar OneMinusBeta2 { get; }

        public Scalar Eps { get; }

        /// <summary>The L2 coefficient, or with decoupled decay the factor <c>1 - lr * weight_decay</c>.</summary>
        public Scalar Decay { get; }

        /// <summary><c>sqrt(1 - b2^t)</c> and the step size <c>-lr / (1 - b1^t)</c>; the caller disposes both.</summary>
        public static (Scalar SqrtCorrection, Scalar StepSize) BiasCorrection(AdamSettings settings, long step)
            => (Math.Sqrt(1 - Math.Pow(settings.Beta2, step)).ToScalar(), (-(settings.LearningRate / (1 - Math.Pow(settings.Beta1, step)))).ToScalar());

        public void Dispose()
        {
            Beta1.Dispose();
            OneMinusBeta1.Dispose();
            Beta2.Dispose();
            OneMinusBeta2.Dispose();
            Eps.Dispose();
            Decay.Dispose();
        }
    }
}
