using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// TorchSharp's <see cref="SGD"/> (same parameter groups, options, state and state-dict format) with a step that
    /// disposes its <see cref="Scalar"/>s and temporary tensors at once (see <see cref="AdamOptimizer"/>): L2 weight decay,
    /// momentum with dampening, Nesterov, maximize, as in PyTorch. A checkpoint holds each parameter's momentum buffer (none
    /// before the first step, or without momentum).
    /// </summary>
    public sealed class SgdOptimizer : SGD, ICheckpointedOptimizer
    {
        /// <summary>Creates the optimizer over <paramref name="groups"/>; unset group options take these defaults.</summary>
        public SgdOptimizer(IEnumerable<ParamGroup> groups, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false, bool maximize = false)
            : base(groups, lr, momentum, dampening, weight_decay, nesterov, maximize)
        {
        }

        /// <summary>Creates the optimizer over one group of <paramref name="parameters"/>.</summary>
        public SgdOptimizer(IEnumerable<Parameter> parameters, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false, bool maximize = false)
            : base(parameters, lr, momentum, dampening, weight_decay, nesterov, maximize)
        {
        }

        void ICheckpointedOptimizer.SaveState(TrainingState state)
            => OptimizerCheckpoint.Save(_parameter_groups.ToList(), state, (prefix, parameter) =>
            {
                if (((State)_state[parameter.Handle]).momentum_buffer is { } buffer)
                {
                    state.Set(prefix + "momentum_buffer", buffer);
                }
            });

        void ICheckpointedOptimizer.LoadState(TrainingState state)
            => OptimizerCheckpoint.Load(
                _parameter_groups.ToList(),
                state,
                (prefix, parameter) =>
                {
                    if (state.Contains(prefix + "momentum_buffer"))
                    {
                        OptimizerCheckpoint.Like(state, prefix + "momentum_buffer", parameter);
                    }
                },
                (prefix, parameter) =>
                {
                    var parameterState = (State)_state[parameter.Handle];
                    parameterState.momentum_buffer?.Dispose();
                    parameterState.momentum_buffer = state.Contains(prefix + "momentum_buffer")
                        ? OptimizerCheckpoint.Copy(state, prefix + "momentum_buffer", parameter.device)
                        : null;
                });

        /// <inheritdoc />
        public override void zero_grad() => OptimizerSteps.ZeroGrad(_parameter_groups);

        /// <inheritdoc />
        public override Tensor step(Func<Tensor>? closure = null)
        {
            var loss = OptimizerSteps.Closure(closure);
            using var noGrad = torch.no_grad();
            foreach (var group in _parameter_groups)
            {
                var options = (Options)group.Options;
                var momentum = options.momentum!.Value;
                var dampening = options.dampening!.Value;
                var weightDecay = options.weight_decay!.Value;
                var nesterov = options.nesterov!.Value;
                using var decay = weightDecay.ToScalar();
                using var momentumScalar = momentum.ToScalar();
                using var keep = (1 - dampening).ToScalar();
                using var rate = (options.maximize!.Value ? group.LearningRate : -group.LearningRate).ToScalar();
                foreach (var parameter in group.Parameters)
                {
                    using var grad = parameter.grad;
                    if (grad is null)
                    {
                        continue;
                    }

                    var state = (State)_state[parameter.Handle];
                    using var decayed = weightDecay != 0 ? grad.add(parameter, decay) : null;
                    var update = decayed ?? grad;
                    Tensor? nesterovUpdate = null;
                    if (momentum != 0)
                    {
                        if (state.momentum_buffer is null)
                        {
                            using var copy = update.clone();
                            state.momentum_buffer = copy.detach().DetachFromDisposeScope();
                        }
                        else
                        {
                            state.momentum_buffer.mul_(momentumScalar).add_(update, keep);
                        }

                        if (nesterov)
                        {
                            nesterovUpdate = update.add(state.momentum_buffer, momentumScalar);
                            update = nesterovUpdate;
                        }
                        else
                        {
                            update = state.momentum_buffer;
                        }
                    }

                    using (nesterovUpdate)
                    {
                        parameter.add_(update, rate);
                    }
                }
            }

            return loss!;
        }
    }
}
