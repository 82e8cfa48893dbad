using System;
using System.Collections.Generic;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// TorchSharp's <see cref="Adam"/> (same parameter groups, options, state and state-dict format) with a step that releases
    /// every native object it creates: the <see cref="Scalar"/>s of the update are disposed at once instead of being left to
    /// the finalizer (TorchSharp 0.107's own step leaves several per parameter per step, and a training loop's resident memory
    /// grows by hundreds of megabytes), and the temporary tensors are disposed as soon as they are used. The arithmetic is
    /// TorchSharp's (and PyTorch's) operation for operation: L2 weight decay added to the gradient, bias-corrected moments,
    /// optional AMSGrad and maximize.
    /// </summary>
    public sealed class AdamOptimizer : Adam
    {
        /// <summary>Creates the optimizer over <paramref name="groups"/>; unset group options take these defaults.</summary>
        public AdamOptimizer(IEnumerable<ParamGroup> groups, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0, bool amsgrad = false, bool maximize = false)
            : base(groups, lr, beta1, beta2, eps, weight_decay, amsgrad, maximize)
        {
        }

        /// <summary>Creates the optimizer over one group of <paramref name="parameters"/>.</summary>
        public AdamOptimizer(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0, bool amsgrad = false, bool maximize = false)
            : base(parameters, lr, beta1, beta2, eps, weight_decay, amsgrad, maximize)
        {
        }

        /// <inheritdoc />
        public override Tensor step(Func<Tensor>? closure = null)
        {
            var loss = OptimizerSteps.Closure(closure);
            using var noGrad = torch.no_grad();
            foreach (var group in _parameter_groups)
            {
                var options = (Options)group.Options;
                OptimizerSteps.Adam(
                    group.Parameters,
                    handle => (State)_state[handle],
                    lr: group.LearningRate,
                    beta1: options.beta1!.Value,
                    beta2: options.beta2!.Value,
                    eps: options.eps!.Value,
                    weightDecay: options.weight_decay!.Value,
                    decoupled: false,
                    amsgrad: options.amsgrad!.Value,
                    maximize: options.maximize!.Value,
                    state => (state.step, state.exp_avg, state.exp_avg_sq, state.max_exp_avg_sq),
                    (state, step) => state.step = step);
            }

            return loss!;
        }
    }
}
