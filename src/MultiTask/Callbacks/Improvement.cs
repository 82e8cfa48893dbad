namespace MultiTask
{
    /// <summary>When a monitored value improves on the best so far, for early stopping and the best checkpoint alike.</summary>
    internal static class Improvement
    {
        /// <summary>Whether <paramref name="value"/> beats <paramref name="best"/> by more than <paramref name="minDelta"/>; NaN never does, anything beats no best.</summary>
        public static bool Improves(double value, double? best, bool higherIsBetter, double minDelta)
        {
            if (double.IsNaN(value))
            {
                return false;
            }

            if (best is not { } previous)
            {
                return true;
            }

            return higherIsBetter ? value > previous + minDelta : value < previous - minDelta;
        }
    }
}
