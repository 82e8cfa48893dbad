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
    /// <para>
    /// A step of a small parameter costs far more in per-operation overhead (eight tensor operations) than in arithmetic, so
    /// the moments of the parameters of up to <see cref="FlatLimit"/> elements live in flat buffers (<see cref="FlatAdamBuffers"/>)
    /// and consecutive groups whose small parameters all have a gradient and the same step count, with the same
    /// hyper-parameters (the usual case: a generated trainer has one group per component), update them as one, with about ten
    /// operations in all. Larger parameters are updated one by one, where the flat path's extra copies would cost more memory
    /// traffic than the operations it saves (measured: 0.96 against 0.73 ms per step for the hps workload's 533,000 parameters
    /// all flat). A group with a parameter that has no gradient yet, or with diverging step counts, is updated per parameter.
    /// </para>
    /// </summary>
    internal sealed class AdamUpdate<TState> : IDisposable
    {
        /// <summary>The largest parameter, in elements, whose moments go into the flat buffers.</summary>
        public const long FlatLimit = 1 << 15;

        private readonly AdamStateAccess<TState> access;
        private readonly Func<IntPtr, TState> stateOf;
        private FlatAdamBuffers? flat;

        /// <summary>
        /// Moves the moments that TorchSharp's constructor made for the small parameters into flat buffers (zeros either way;
        /// done here rather than at the first step so that the optimizer holds the same tensors from its construction on).
        /// </summary>
        /// <param name="access">Reads and writes the optimizer's per-parameter state.</param>
        /// <param name="parameters">The optimizer's parameters, group after group.</param>
        /// <param name="stateOf">The state of a parameter, by handle.</param>
        public AdamUpdate(AdamStateAccess<TState> access, IEnumerable<Parameter> parameters, Func<IntPtr, TState> stateOf)
        {
            this.access = access;
            this.stateOf = stateOf;
            var small = new List<Parameter>(parameters).FindAll(IsSmall);
            var states = small.ConvertAll(p => stateOf(p.Handle)).ToArray();
            var constructorMoments = MomentsOf(states);
            if (Flatten(small, states))
            {
                foreach (var moments in constructorMoments)
                {
                    moments.ExpAvg.Dispose();
                    moments.ExpAvgSq.Dispose();
                    moments.MaxExpAvgSq?.Dispose();
                }
            }
        }

        /// <summary>Updates every group's parameters with the group's settings.</summary>
        public void Step(IEnumerable<ParamGroup> parameterGroups, Func<ParamGroup, AdamSettings> settingsOf)
        {
            // Every parameter, group after group; which are small (the flat buffers hold those, in this order); where each
            // group starts among all parameters and among the small ones.
            var (settingsOfGroup, parameters, isSmall) = (new List<AdamSettings>(), new List<Parameter>(), new List<bool>());
            var (starts, smallStarts) = (new List<int>(), new List<int>());
            var smallCount = 0;
            foreach (var group in parameterGroups)
            {
                settingsOfGroup.Add(settingsOf(group));
                starts.Add(parameters.Count);
                smallStarts.Add(smallCount);
                foreach (var parameter in group.Parameters)
                {
                    isSmall.Add(IsSmall(parameter));
                    smallCount += isSmall[^1] ? 1 : 0;
                    parameters.Add(parameter);
                }
            }

            starts.Add(parameters.Count);
            smallStarts.Add(smallCount);
            var states = parameters.ConvertAll(p => stateOf(p.Handle)).ToArray();
            var grads = parameters.ConvertAll(p => p.grad).ToArray();
            try
            {
                var smallStates = Small(states, isSmall);
                var smallParameters = Small(parameters.ToArray(), isSmall);
                if (flat is null || !flat.Holds(smallParameters, MomentsOf(smallStates)))
                {
                    // New parameters, or moments replaced by loading a state dict or moving the state: flat buffers holding the
                    // current values. The replaced tensors are not disposed: a state dict loaded from another optimizer shares them.
                    Flatten(smallParameters, smallStates);
                }

                var smallGrads = Small(grads, isSmall);
                for (var g = 0; g < settingsOfGroup.Count;)
                {
                    var settings = settingsOfGroup[g];
                    using var scalars = new AdamScalars(settings);
                    if (FlatStepOf(smallStarts[g], smallStarts[g + 1], smallStates, smallGrads) is not { } step)
                    {
                        PerParameter(parameters, starts[g], starts[g + 1], states, grads, settings, scalars, skip: null);
                        g++;
                        continue;
                    }

                    var end = g + 1;
                    while (end < settingsOfGroup.Count && settingsOfGroup[end] == settings && FlatStepOf(smallStarts[end], smallStarts[end + 1], smallStates, smallGrads) == step)
                    {
                        end++;
                    }

                    PerParameter(parameters, starts[g], starts[end], states, grads, settings, scalars, skip: isSmall);
                    for (var i = smallStarts[g]; i < smallStarts[end]; i++)
                    {
                        access.SetStep(smallStates[i], step + 1);
                    }

                    flat!.Step(smallStarts[g], smallStarts[end] - smallStarts[g], smallGrads!, step + 1, settings, scalars);
                    g = end;
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
            flat?.Dispose();
            flat = null;
        }

        /// <summary>The step count shared by the small parameters [start, end) when they can be updated flat: all have gradients and the same step.</summary>
        private long? FlatStepOf(int start, int end, TState[] states, Tensor?[] grads)
        {
            if (flat is null || start == end)
            {
                return null;
            }

            var step = access.Step(states[start]);
            for (var i = start; i < end; i++)
            {
                if (grads[i] is null || access.Step(states[i]) != step)
                {
                    return null;
                }
            }

            return step;
        }

        /// <summary>Flat buffers holding the current moments, handed to the states; false when the parameters cannot share them.</summary>
        private bool Flatten(IReadOnlyList<Parameter> parameters, TState[] states)
        {
            var rebuilt = FlatAdamBuffers.TryCreate(parameters, MomentsOf(states));
            if (rebuilt is not null)
            {
                for (var i = 0; i < states.Length; i++)
                {
                    access.SetMoments(states[i], rebuilt.Moments(i));
                }
            }

            flat?.Dispose();
            flat = rebuilt;
            return rebuilt is not null;
        }

        private static bool IsSmall(Parameter parameter) => parameter.numel() <= FlatLimit;

        private static T[] Small<T>(T[] items, List<bool> isSmall)
        {
            var small = new List<T>(items.Length);
            for (var i = 0; i < items.Length; i++)
            {
                if (isSmall[i])
                {
                    small.Add(items[i]);
                }
            }

            return small.ToArray();
        }

        private AdamMoments[] MomentsOf(TState[] states) => Array.ConvertAll(states, state => access.Moments(state));

        /// <summary>Updates parameters [start, end) one by one, except those marked in <paramref name="skip"/>.</summary>
        private void PerParameter(List<Parameter> parameters, int start, int end, TState[] states, Tensor?[] grads, AdamSettings settings, AdamScalars scalars, List<bool>? skip)
        {
            for (var i = start; i < end; i++)
            {
                if (grads[i] is { } grad && skip?[i] != true)
                {
                    var step = access.Step(states[i]) + 1;
                    access.SetStep(states[i], step);
                    Update(parameters[i], grad, access.Moments(states[i]), step, settings, scalars);
                }
            }
        }

        private static void Update(Parameter parameter, Tensor rawGrad, AdamMoments moments, long step, AdamSettings settings, AdamScalars scalars)
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
                using (var denominator = scalars.Denominator(second, sqrtCorrection))
                {
                    parameter.addcdiv_(moments.ExpAvg, denominator, stepSize);
                }
            }
        }
    }

    /// <summary>The Scalars of one group's step, made once per step and disposed after it.</summary>
    internal sealed class AdamScalars : IDisposable
    {
        private static readonly Scalar SmallestNormal = BitConverter.Int32BitsToSingle(0x00800000).ToScalar();

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

        /// <summary>
        /// <c>sqrt(v) / sqrt(1 - b2^t) + eps</c>, a new tensor. <c>v</c> is first raised to the smallest normal float: the
        /// CPU's vectorized square root takes a slow path for zeros and subnormals (8.4 against 0.9 ms for 1.6 million zeros),
        /// and an embedding table's rows that no batch has read yet hold exactly zero. Below that floor the square root is
        /// under 1.1e-19, far below the rounding of <c>eps</c> (default 1e-8), so the update does not change.
        /// </summary>
        public Tensor Denominator(Tensor second, Scalar sqrtCorrection)
        {
            var denominator = second.clamp_min(SmallestNormal);
            denominator.sqrt_().div_(sqrtCorrection).add_(Eps, Scalars.One);
            return denominator;
        }

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
