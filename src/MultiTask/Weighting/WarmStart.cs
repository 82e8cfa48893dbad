using System.Linq;

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
    }
}
