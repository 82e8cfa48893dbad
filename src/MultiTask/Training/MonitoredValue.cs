using System;

namespace MultiTask
{
    /// <summary>Reads the value an epoch-end selector (early stopping, <see cref="ReduceOnPlateau{TMetrics}"/>) watches.</summary>
    internal static class MonitoredValue
    {
        /// <summary>
        /// <paramref name="monitor"/>'s value of <paramref name="metrics"/>. A NaN would never improve, so the selector would
        /// keep its first epoch (or cut the learning rate) without saying why: it is an error instead.
        /// </summary>
        /// <exception cref="InvalidOperationException">The value is NaN.</exception>
        public static double Read<TMetrics>(Func<TMetrics, double> monitor, TMetrics metrics, int epoch, string selector)
        {
            var value = monitor(metrics);
            if (double.IsNaN(value))
            {
                throw new InvalidOperationException(
                    $"{selector}: the monitored value is NaN in epoch {epoch}. A task's loss and metrics are NaN when no row of the pass has its label "
                    + "(every label masked), and AUC is NaN when only one class occurs; monitor a value these data define, e.g. m => m.Loss.");
            }

            return value;
        }
    }
}
