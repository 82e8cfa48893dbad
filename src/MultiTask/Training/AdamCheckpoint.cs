using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp.Modules;

namespace MultiTask
{
    /// <summary>
    /// The checkpoint entries of <see cref="AdamOptimizer"/> and <see cref="AdamWOptimizer"/>: per parameter its step count,
    /// <c>exp_avg</c>, <c>exp_avg_sq</c> and, with AMSGrad, <c>max_exp_avg_sq</c>. Loading copies the moments into the state's
    /// tensors in place, so that the small parameters' moments stay views into the flat buffers (<see cref="FlatAdamBuffers"/>).
    /// </summary>
    internal static class AdamCheckpoint
    {
        public static void Save<TState>(AdamStateAccess<TState> access, IEnumerable<ParamGroup> groups, Func<IntPtr, TState> stateOf, TrainingState state)
            => OptimizerCheckpoint.Save(groups.ToList(), state, (prefix, parameter) =>
            {
                var parameterState = stateOf(parameter.Handle);
                var moments = access.Moments(parameterState);
                state.Set(prefix + "step", access.Step(parameterState));
                state.Set(prefix + "exp_avg", moments.ExpAvg);
                state.Set(prefix + "exp_avg_sq", moments.ExpAvgSq);
                if (moments.MaxExpAvgSq is { } maximum)
                {
                    state.Set(prefix + "max_exp_avg_sq", maximum);
                }
            });

        public static void Load<TState>(AdamStateAccess<TState> access, IEnumerable<ParamGroup> groups, Func<IntPtr, TState> stateOf, TrainingState state)
            => OptimizerCheckpoint.Load(
                groups.ToList(),
                state,
                (prefix, parameter) =>
                {
                    var moments = access.Moments(stateOf(parameter.Handle));
                    state.GetInt64(prefix + "step");
                    OptimizerCheckpoint.Like(state, prefix + "exp_avg", moments.ExpAvg);
                    OptimizerCheckpoint.Like(state, prefix + "exp_avg_sq", moments.ExpAvgSq);
                    if (moments.MaxExpAvgSq is { } maximum)
                    {
                        OptimizerCheckpoint.Like(state, prefix + "max_exp_avg_sq", maximum);
                    }
                },
                (prefix, parameter) =>
                {
                    var parameterState = stateOf(parameter.Handle);
                    var moments = access.Moments(parameterState);
                    access.SetStep(parameterState, state.GetInt64(prefix + "step"));
                    OptimizerCheckpoint.CopyInto(state, prefix + "exp_avg", moments.ExpAvg);
                    OptimizerCheckpoint.CopyInto(state, prefix + "exp_avg_sq", moments.ExpAvgSq);
                    if (moments.MaxExpAvgSq is { } maximum)
                    {
                        OptimizerCheckpoint.CopyInto(state, prefix + "max_exp_avg_sq", maximum);
                    }
                });
    }
}
