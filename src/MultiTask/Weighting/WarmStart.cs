using System;
using System.Linq;
using TorchSharp;

namespace MultiTask
{
    /// <summary>
    /// The last solution of a small per-step solver over the present tasks (MGDA's Frank-Wolfe, CAGrad's dual, Nash-MTL's
    /// Newton), kept as the next step's starting point: the gradients move little between steps, so the solver starts near its
    /// answer and stops after a few iterations. Forgotten when the number of present tasks changes or a solution is not finite.
    /// </summary>
    internal sealed class WarmStart
    {
        private double[]? last;

        /// <summary>The last solution if it has <paramref name="count"/> entries, else null (a cold start).</summary>
        public double[]? For(int count) => last is { } solution && solution.Length == count ? solution : null;

        /// <summary>Keeps <paramref name="solution"/> (a copy) for the next step.</summary>
        public void Keep(double[]? solution) => last = solution is not null && solution.All(double.IsFinite) ? (double[])solution.Clone() : null;

        /// <summary>Writes the last solution into a checkpoint's state, so a resumed run starts its next step where this one would.</summary>
        public void Save(TrainingState state)
        {
            ArgumentNullException.ThrowIfNull(state);
            if (last is not null)
            {
                using var solution = torch.tensor(last, torch.ScalarType.Float64);
                state.Set(EntryName, solution);
            }
        }

        /// <summary>Restores what <see cref="Save"/> wrote (no entry: a cold start next step).</summary>
        /// <exception cref="ArgumentException">The entry is not a float64 vector.</exception>
        public void Load(TrainingState state)
        {
            ArgumentNullException.ThrowIfNull(state);
            if (!state.Contains(EntryName))
            {
                last = null;
                return;
            }

            var solution = state.Get(EntryName);
            if (solution.dtype != torch.ScalarType.Float64 || solution.dim() != 1)
            {
                throw new ArgumentException($"The warm start in the state is a {solution.dtype} tensor of {solution.dim()} dimensions; it must be a float64 vector.");
            }

            last = solution.data<double>().ToArray();
        }

        private const string EntryName = "warm_start";
    }
}
