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

        /// <summary>
        /// One Adam (or, with <paramref name="decoupled"/>, AdamW) step over one parameter group, in TorchSharp's and PyTorch's
        /// order of operations: <c>m = b1 m + (1 - b1) g</c>, <c>v = b2 v + (1 - b2) g²</c>,
        /// <c>p -= lr / (1 - b1^t) · m / (sqrt(v) / sqrt(1 - b2^t) + eps)</c>.
        /// </summary>
        public static void Adam<TState>(
            IEnumerable<Parameter> parameters,
            Func<IntPtr, TState> stateOf,
            double lr,
            double beta1,
            double beta2,
            double eps,
            double weightDecay,
            bool decoupled,
            bool amsgrad,
            bool maximize,
            Func<TState, (long Step, Tensor ExpAvg, Tensor ExpAvgSq, Tensor? MaxExpAvgSq)> read,
            Action<TState, long> setStep)
        {
            using var beta1Scalar = beta1.ToScalar();
            using var oneMinusBeta1 = (1 - beta1).ToScalar();
            using var beta2Scalar = beta2.ToScalar();
            using var oneMinusBeta2 = (1 - beta2).ToScalar();
            using var epsScalar = eps.ToScalar();
            using var decay = (decoupled ? 1 - lr * weightDecay : weightDecay).ToScalar();
            foreach (var parameter in parameters)
            {
                using var rawGrad = parameter.grad;
                if (rawGrad is null)
                {
                    continue;
                }

                var state = stateOf(parameter.Handle);
                var (step, expAvg, expAvgSq, maxExpAvgSq) = read(state);
                step++;
                setStep(state, step);
                using var negated = maximize ? rawGrad.neg() : null;
                var grad = negated ?? rawGrad;
                Tensor? decayed = null;
                if (weightDecay != 0)
                {
                    if (decoupled)
                    {
                        parameter.mul_(decay);
                    }
                    else
                    {
                        decayed = grad.add(parameter, decay);
                        grad = decayed;
                    }
                }

                using (decayed)
                {
                    var biasCorrection1 = 1 - Math.Pow(beta1, step);
                    var biasCorrection2 = 1 - Math.Pow(beta2, step);
                    expAvg.mul_(beta1Scalar).add_(grad, oneMinusBeta1);
                    expAvgSq.mul_(beta2Scalar).addcmul_(grad, grad, oneMinusBeta2);
                    var second = expAvgSq;
                    if (amsgrad && maxExpAvgSq is not null)
                    {
                        using var maximum = torch.maximum(maxExpAvgSq, expAvgSq);
                        maxExpAvgSq.copy_(maximum);
                        second = maxExpAvgSq;
                    }

                    using var sqrtCorrection = Math.Sqrt(biasCorrection2).ToScalar();
                    using var stepSize = (-(lr / biasCorrection1)).ToScalar();
                    using var denominator = second.sqrt();
                    denominator.div_(sqrtCorrection).add_(epsScalar);
                    parameter.addcdiv_(expAvg, denominator, stepSize);
                }
            }
        }
    }
}
