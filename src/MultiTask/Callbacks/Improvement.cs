namespace MultiTask
{
    /// <summary>When a monitored value improves on the best so far, for early stopping and the best checkpoint alike.</summary>
    internal static class Improvement
    {
        /// <summary>
        /// Whether <paramref name="value"/> beats <paramref name="best"/> by more than <paramref name="minDelta"/>; anything beats no
        /// best. Callers read <paramref name="value"/> through <see cref="MonitoredValue.Read"/>, which refuses NaN.
        /// </summary>
        public static bool Improves(double value, double? best, bool higherIsBetter, double minDelta)
        {
            if (best is not { } previous)
            {
                return true;
            }

            return higherIsBetter ? value > previous + minDelta : value < previous - minDelta;
        }
    }
}
