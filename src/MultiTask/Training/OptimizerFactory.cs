using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;

namespace MultiTask
{
    /// <summary>
    /// Builds an optimizer with one parameter group per component (plus one for any remaining model parameters): the runtime's
    /// <see cref="AdamOptimizer"/>, <see cref="AdamWOptimizer"/> or <see cref="SgdOptimizer"/>, which are TorchSharp's optimizers
    /// (same group and option types) with a step that disposes its native Scalars instead of leaving them to the finalizer.
    /// </summary>
    internal static class OptimizerFactory
    {
        public static torch.optim.Optimizer Create<TMetrics>(torch.nn.Module model, IReadOnlyList<Component> components, TrainingOptions<TMetrics> options)
        {
            var seen = new HashSet<IntPtr>();
            var groups = new List<(Parameter[] Parameters, double LearningRate, double WeightDecay)>();
            foreach (var component in components)
            {
                ArgumentNullException.ThrowIfNull(component);
                var parameters = component.Module.parameters().Where(p => seen.Add(p.Handle)).ToArray();
                groups.Add((parameters, component.Options.LearningRate ?? options.LearningRate, component.Options.WeightDecay ?? options.WeightDecay));
            }

            var rest = model.parameters().Where(p => seen.Add(p.Handle)).ToArray();
            if (rest.Length > 0)
            {
                groups.Add((rest, options.LearningRate, options.WeightDecay));
            }

            foreach (var group in groups)
            {
                if (!(group.LearningRate > 0) || double.IsInfinity(group.LearningRate))
                {
                    throw new ArgumentOutOfRangeException(nameof(options), group.LearningRate, "Learning rates must be positive and finite.");
                }

                if (!(group.WeightDecay >= 0))
                {
                    throw new ArgumentOutOfRangeException(nameof(options), group.WeightDecay, "Weight decay cannot be negative.");
                }
            }

            return options.Optimizer switch
            {
                OptimizerKind.Adam => new AdamOptimizer(
                    groups.Select(g => new Adam.ParamGroup(g.Parameters, lr: g.LearningRate, weight_decay: g.WeightDecay)).ToArray(),
                    lr: options.LearningRate,
                    weight_decay: options.WeightDecay),
                OptimizerKind.AdamW => new AdamWOptimizer(
                    groups.Select(g => new AdamW.ParamGroup(g.Parameters, lr: g.LearningRate, weight_decay: g.WeightDecay)).ToArray(),
                    lr: options.LearningRate,
                    weight_decay: options.WeightDecay),
                OptimizerKind.Sgd => new SgdOptimizer(
                    groups.Select(g => new SGD.ParamGroup(g.Parameters, lr: g.LearningRate, momentum: options.Momentum, weight_decay: g.WeightDecay)).ToArray(),
                    options.LearningRate,
                    momentum: options.Momentum,
                    weight_decay: options.WeightDecay),
                _ => throw new ArgumentOutOfRangeException(nameof(options), options.Optimizer, "Unknown optimizer."),
            };
        }
    }
}
