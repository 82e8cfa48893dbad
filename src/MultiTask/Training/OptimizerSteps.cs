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
    }
}
