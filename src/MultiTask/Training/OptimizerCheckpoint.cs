using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>An optimizer of the runtime whose whole state (every group's rate, every parameter's moments and step count) a checkpoint holds.</summary>
    internal interface ICheckpointedOptimizer
    {
        /// <summary>Writes the state into <paramref name="state"/>.</summary>
        void SaveState(TrainingState state);

        /// <summary>Restores what <see cref="SaveState"/> wrote; checks every entry first, so a failure changes nothing.</summary>
        void LoadState(TrainingState state);
    }

    /// <summary>
    /// The checkpoint entries of an optimizer: <c>groups</c> and, per group g, <c>g.lr</c> and <c>g.parameters</c>; per
    /// parameter i of group g, the entries its optimizer writes under <c>g.i.</c> (<c>step</c>, <c>exp_avg</c>, ...).
    /// </summary>
    internal static class OptimizerCheckpoint
    {
        public static void Save(IReadOnlyList<ParamGroup> groups, TrainingState state, Action<string, Parameter> saveParameter)
        {
            state.Set("groups", groups.Count);
            for (var g = 0; g < groups.Count; g++)
            {
                state.Set($"{g}.lr", groups[g].LearningRate);
                state.Set($"{g}.parameters", groups[g].Parameters.Count());
                var i = 0;
                foreach (var parameter in groups[g].Parameters)
                {
                    saveParameter($"{g}.{i++}.", parameter);
                }
            }
        }

        /// <summary>Checks the groups and every parameter (<paramref name="checkParameter"/>), then loads them (<paramref name="loadParameter"/>).</summary>
        public static void Load(IReadOnlyList<ParamGroup> groups, TrainingState state, Action<string, Parameter> checkParameter, Action<string, Parameter> loadParameter)
        {
            if (state.GetInt64("groups") != groups.Count)
            {
                throw new ArgumentException($"The checkpoint's optimizer has {state.GetInt64("groups")} parameter groups, this trainer's {groups.Count}.");
            }

            var rates = new double[groups.Count];
            for (var g = 0; g < groups.Count; g++)
            {
                rates[g] = state.GetDouble($"{g}.lr");
                var count = groups[g].Parameters.Count();
                if (state.GetInt64($"{g}.parameters") != count)
                {
                    throw new ArgumentException($"The checkpoint's optimizer group {g} has {state.GetInt64($"{g}.parameters")} parameters, this trainer's {count}.");
                }

                Each(groups[g], g, checkParameter);
            }

            for (var g = 0; g < groups.Count; g++)
            {
                groups[g].LearningRate = rates[g];
                Each(groups[g], g, loadParameter);
            }
        }

        /// <summary>The entry <paramref name="name"/>, checked to have the shape and dtype of <paramref name="like"/>.</summary>
        public static Tensor Like(TrainingState state, string name, Tensor like) => state.Get(name, like.dtype, like.shape);

        /// <summary>Copies the entry <paramref name="name"/> into <paramref name="target"/> in place (views into flat buffers stay views).</summary>
        public static void CopyInto(TrainingState state, string name, Tensor target)
        {
            using var noGrad = torch.no_grad();
            target.copy_(state.Get(name));
        }

        /// <summary>A detached copy of the entry on <paramref name="device"/>, outside every dispose scope (a tensor the optimizer's state did not have).</summary>
        public static Tensor Copy(TrainingState state, string name, Device device)
            => state.Get(name).to(device, copy: true).DetachFromDisposeScope();

        private static void Each(ParamGroup group, int g, Action<string, Parameter> action)
        {
            var i = 0;
            foreach (var parameter in group.Parameters)
            {
                action($"{g}.{i++}.", parameter);
            }
        }
    }
}
