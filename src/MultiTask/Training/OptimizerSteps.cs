using System;
using System.Collections.Generic;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>The update rules shared by the runtime's optimizers: every Scalar and temporary tensor disposed deterministically.</summary>
    internal static class OptimizerSteps
    {
        /// <summary>Runs the closure (if any) with gradients enabled, as <c>torch.optim</c> does.</summary>
        public static Tensor? Closure(Func<Tensor>? closure)
        {
            if (closure is null)
            {
                return null;
            }

            using var enable = torch.enable_grad();
            return closure();
        }

        /// <summary>Every parameter of the groups, group after group.</summary>
        public static IEnumerable<Parameter> Parameters(IEnumerable<ParamGroup> groups)
        {
            foreach (var group in groups)
            {
                foreach (var parameter in group.Parameters)
                {
                    yield return parameter;
                }
            }
        }

        /// <summary>
        /// Sets every gradient to zero in place, as TorchSharp's <c>zero_grad</c> does, without its <c>zero_</c>, which makes a
        /// Scalar on every call and leaves it to the finalizer (see <see cref="Scalars"/>).
        /// </summary>
        public static void ZeroGrad(IEnumerable<ParamGroup> groups)
        {
            foreach (var group in groups)
            {
                foreach (var parameter in group.Parameters)
                {
                    using var grad = parameter.grad;
                    grad?.fill_(Scalars.Zero);
                }
            }
        }
    }
}
