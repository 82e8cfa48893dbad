using System;
using System.Collections.Generic;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// TorchSharp's <see cref="AdamW"/> (same parameter groups, options, state and state-dict format) with a step that
    /// disposes its <see cref="Scalar"/>s and temporary tensors at once (see <see cref="AdamOptimizer"/>). Decoupled weight
    /// decay: <c>param *= 1 - lr * weight_decay</c> before the Adam update (skipped, as a no-op, when the decay is 0). Like
    /// <see cref="AdamOptimizer"/>, it keeps a group's moments in flat buffers and updates the whole group at once.
    /// </summary>
    public sealed class AdamWOptimizer : AdamW, ICheckpointedOptimizer
    {
        private static readonly AdamStateAccess<State> Access = new(
            state => state.step,
            (state, step) => state.step = step,
            state => new AdamMoments(state.exp_avg, state.exp_avg_sq, state.max_exp_avg_sq),
            (state, moments) => (state.exp_avg, state.exp_avg_sq, state.max_exp_avg_sq) = (moments.ExpAvg, moments.ExpAvgSq, moments.MaxExpAvgSq));

        private readonly AdamUpdate<State> update;

        /// <summary>Creates the optimizer over <paramref name="groups"/>; unset group options take these defaults.</summary>
        public AdamWOptimizer(IEnumerable<ParamGroup> groups, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0, bool amsgrad = false, bool maximize = false)
            : base(groups, lr, beta1, beta2, eps, weight_decay, amsgrad, maximize)
        {
            update = new AdamUpdate<State>(Access, OptimizerSteps.Parameters(_parameter_groups), handle => (State)_state[handle]);
        }

        /// <summary>Creates the optimizer over one group of <paramref name="parameters"/>.</summary>
        public AdamWOptimizer(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0, bool amsgrad = false, bool maximize = false)
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
                Decoupled: true,
                options.amsgrad!.Value,
                options.maximize!.Value);
        }
    }
}
