using System.Collections.Generic;

namespace MultiTask
{
    /// <summary>Pairs of synthetic regression tasks on the same inputs (see <see cref="SyntheticTasks.RegressionPairs"/>).</summary>
    /// <param name="Features">Inputs <c>[rows, d]</c>.</param>
    /// <param name="Targets">Every task's labels, pair by pair (tasks 2p and 2p + 1 are pair p).</param>
    /// <param name="Weights">Every task's w_k.</param>
    /// <param name="Correlation">p, the cosine between the two tasks of a pair (0 across pairs).</param>
    public sealed record SyntheticTaskPairs(float[,] Features, IReadOnlyList<float[]> Targets, IReadOnlyList<double[]> Weights, double Correlation)
    {
        /// <summary>Number of examples.</summary>
        public int Rows => Features.GetLength(0);
    }
}
