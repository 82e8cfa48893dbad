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
    /// optional AMSGrad and maximize. The moments of a parameter group live in one flat buffer per moment (each parameter's
    /// state holds a view of its slice), and a group whose parameters all have gradients is updated with about ten tensor
    /// operations in all instead of eight per parameter; the result is the same as the per-parameter update.
    /// </summary>
    public sealed class AdamOptimizer : Adam, ICheckpointedOptimizer
    {
        private static readonly AdamStateAccess<State> Access = new(
            state => state.step,
            (state, step) => state.step = step,
            state => new AdamMoments(state.exp_avg, state.exp_avg_sq, state.max_exp_avg_sq),
            (state, moments) => (state.exp_avg, state.exp_avg_sq, state.max_exp_avg_sq) = (moments.ExpAvg, moments.ExpAvgSq, moments.MaxExpAvgSq));

        private readonly AdamUpdate<State> update;

        /// <summary>Creates the optimizer over <paramref name="groups"/>; unset group options take these defaults.</summary>
        public AdamOptimizer(IEnumerable<ParamGroup> groups, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0, bool amsgrad = false, bool maximize = false)
            : base(groups, lr, beta1, beta2, eps, weight_decay, amsgrad, maximize)
        {
            update = new AdamUpdate<State>(Access, OptimizerSteps.Parameters(_parameter_groups), handle => (State)_state[handle]);
        }

        /// <summary>Creates the optimizer over one group of <paramref name="parameters"/>.</summary>
        public AdamOptimizer(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0, bool amsgrad = false, bool maximize = false)
            : base(parameters, lr, beta1, beta2, eps, weight_decay, amsgrad, maximize)
        {
            update = new AdamUpdate<State>(Access, OptimizerSteps.Parameters(_parameter_groups), handle => (State)_state[handle]);
        }

        /// <inheritdoc />
        public override void zero_grad() => OptimizerSteps.ZeroGrad(_parameter_groups);

        /// <inheritdoc />
        public override Tensor step(Func<Tensor>? closure = null)
        {
            var loss = OptimizerSteps.Closure(closure);
            using var noGrad = torch.no_grad();
            update.Step(_parameter_groups, Settings);
            return loss!;
        }

        void ICheckpointedOptimizer.SaveState(TrainingState state) => AdamCheckpoint.Save(Access, _parameter_groups, handle => (State)_state[handle], state);

        void ICheckpointedOptimizer.LoadState(TrainingState state) => AdamCheckpoint.Load(Access, _parameter_groups, handle => (State)_state[handle], state);

        /// <inheritdoc />
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                update.Dispose();
            }

            base.Dispose(disposing);
        }

        private static AdamSettings Settings(TorchSharp.Modules.ParamGroup group)
        {
            var options = (Options)group.Options;
            return new AdamSettings(
                group.LearningRate,
                options.beta1!.Value,
                options.beta2!.Value,
                options.eps!.Value,
                options.weight_decay!.Value,
                Decoupled: false,
                options.amsgrad!.Value,
                options.maximize!.Value);
        }
    }
}
