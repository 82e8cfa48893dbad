using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// The soft parameter-sharing penalty <c>lambda * sum_i ||theta_i - theta_mean||^2</c> over the corresponding parameters
    /// of K towers with identical parameter names and shapes (DESIGN.md §8); <c>theta_mean</c> is the element-wise mean of the
    /// K towers' parameters, computed in the autograd graph on every call, so the gradient pulls every tower towards the others.
    /// The towers are checked once, here; the parameters are looked up on every call, so moving the towers to another device
    /// is fine. The penalty is not a module: it holds no parameters of its own.
    /// </summary>
    public sealed class SoftSharingPenalty
    {
        private readonly (string Name, nn.Module Tower)[] towers;

        // Made once: an implicit double -> Scalar conversion per call would leave one native Scalar per step to the finalizer.
        private readonly Scalar lambdaScalar;

        /// <summary>Checks that the towers correspond parameter for parameter.</summary>
        /// <param name="lambda">Strength of the penalty; 0 leaves the towers independent.</param>
        /// <param name="towers">The towers (at least two), each with a name used in error messages (the task's).</param>
        /// <exception cref="ArgumentException">Fewer than two towers, or parameters whose names or shapes differ.</exception>
        public SoftSharingPenalty(double lambda, IReadOnlyList<(string Name, nn.Module Tower)> towers)
        {
            ArgumentNullException.ThrowIfNull(towers);
            if (!(lambda >= 0) || double.IsInfinity(lambda))
            {
                throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "The soft-sharing lambda must be finite and non-negative.");
            }

            if (towers.Count < 2)
            {
                throw new ArgumentException($"Soft sharing needs at least two towers, got {towers.Count}.", nameof(towers));
            }

            Lambda = lambda;
            lambdaScalar = lambda.ToScalar();
            this.towers = towers.ToArray();
            foreach (var (name, tower) in this.towers)
            {
                ArgumentNullException.ThrowIfNull(tower, $"{nameof(towers)}['{name}']");
            }

            ParameterNames = Check(this.towers);
        }

        /// <summary>Strength of the penalty.</summary>
        public double Lambda { get; }

        /// <summary>Names of the corresponding parameters, in the towers' order.</summary>
        public IReadOnlyList<string> ParameterNames { get; }

        /// <summary>Names of the towers, in order.</summary>
        public IReadOnlyList<string> TowerNames => Array.ConvertAll(towers, t => t.Name);

        /// <summary>The penalty <c>lambda * Distance()</c>, a scalar in the graph.</summary>
        public Tensor Compute()
        {
            using var distance = Distance();
            return distance.mul(lambdaScalar);
        }

        /// <summary>The unscaled <c>sum_i ||theta_i - theta_mean||^2</c> over every corresponding parameter, a scalar in the graph.</summary>
        public Tensor Distance()
        {
            var parameters = new Parameter[towers.Length][];
            for (var i = 0; i < towers.Length; i++)
            {
                parameters[i] = towers[i].Tower.parameters().ToArray();
                if (parameters[i].Length != ParameterNames.Count)
                {
                    throw new InvalidOperationException(
                        $"Soft sharing: tower '{towers[i].Name}' now has {parameters[i].Length} parameters, {ParameterNames.Count} when the penalty was built.");
                }
            }

            Tensor? total = null;
            for (var p = 0; p < ParameterNames.Count; p++)
            {
                using var stacked = torch.stack(parameters.Select(tower => (Tensor)tower[p]), 0);
                using var mean = stacked.mean([0], keepdim: true);
                using var deviation = stacked.sub(mean);
                using var squared = deviation.square();
                var term = squared.sum();
                if (total is null)
                {
                    total = term;
                }
                else
                {
                    using var previous = total;
                    using (term)
                    {
                        total = previous.add(term, Scalars.One);
                    }
                }
            }

            return total!;
        }

        /// <summary>One-off penalty over unnamed towers (named <c>tower 0</c>, <c>tower 1</c>, ... in error messages).</summary>
        public static Tensor Compute(double lambda, IReadOnlyList<nn.Module> towers)
        {
            ArgumentNullException.ThrowIfNull(towers);
            return new SoftSharingPenalty(lambda, towers.Select((t, i) => ($"tower {i}", t)).ToArray()).Compute();
        }

        private static string[] Check((string Name, nn.Module Tower)[] towers)
        {
            var reference = towers[0].Tower.named_parameters().Select(p => (p.name, Shape: p.parameter.shape)).ToArray();
            for (var i = 1; i < towers.Length; i++)
            {
                var other = towers[i].Tower.named_parameters().ToDictionary(p => p.name, p => p.parameter.shape);
                foreach (var (name, shape) in reference)
                {
                    if (!other.TryGetValue(name, out var otherShape))
                    {
                        throw new ArgumentException(
                            $"Soft sharing needs towers of the same shape: '{towers[i].Name}' has no parameter '{name}', which '{towers[0].Name}' has.", nameof(towers));
                    }

                    if (!shape.SequenceEqual(otherShape))
                    {
                        throw new ArgumentException(
                            $"Soft sharing needs towers of the same shape: parameter '{name}' is [{string.Join(", ", otherShape)}] in '{towers[i].Name}' but [{string.Join(", ", shape)}] in '{towers[0].Name}'.",
                            nameof(towers));
                    }
                }

                var extra = other.Keys.FirstOrDefault(name => !reference.Any(r => r.name == name));
                if (extra is not null)
                {
                    throw new ArgumentException(
                        $"Soft sharing needs towers of the same shape: '{towers[i].Name}' has a parameter '{extra}' that '{towers[0].Name}' lacks.", nameof(towers));
                }

                var order = towers[i].Tower.named_parameters().Select(p => p.name);
                if (!order.SequenceEqual(reference.Select(r => r.name)))
                {
                    throw new ArgumentException(
                        $"Soft sharing needs towers of the same shape: '{towers[i].Name}' lists its parameters in a different order than '{towers[0].Name}'.", nameof(towers));
                }
            }

            if (reference.Length == 0)
            {
                throw new ArgumentException($"Soft sharing needs towers with parameters; '{towers[0].Name}' has none.", nameof(towers));
            }

            return reference.Select(r => r.name).ToArray();
        }
    }
}
