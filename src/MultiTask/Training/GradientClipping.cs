using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>Clips the global L2 norm of the gradients on the device, without a host sync (unlike <c>clip_grad_norm_</c>, which returns a double).</summary>
    internal static class GradientClipping
    {
        /// <summary>Scales every gradient by <c>min(1, maxNorm / (norm + 1e-6))</c>; temporaries belong to the caller's dispose scope.</summary>
        public static void Clip(IReadOnlyList<Parameter> parameters, double maxNorm)
        {
            using var noGrad = torch.no_grad();
            var gradients = parameters.Select(p => p.grad).Where(g => g is not null).Select(g => g!).ToArray();
            if (gradients.Length == 0)
            {
                return;
            }

            var squares = gradients.Select(g => g.square().sum()).ToArray();
            using var stacked = torch.stack(squares);
            using var sum = stacked.sum();
            using var total = sum.sqrt();
            // Explicit Scalars, disposed here: an implicit double-to-Scalar conversion would leave one to the finalizer per step.
            using var epsilon = 1e-6.ToScalar();
            using var limit = maxNorm.ToScalar();
            using var one = 1.0.ToScalar();
            using var denominator = total.add(epsilon, Scalars.One);
            using var ratio = denominator.reciprocal();
            ratio.mul_(limit);
            using var coefficient = ratio.clamp_max(one);
            foreach (var gradient in gradients)
            {
                gradient.mul_(coefficient);
            }

            foreach (var tensor in squares.Concat(gradients))
            {
                tensor.Dispose();
            }
        }
    }
}
