using System;

namespace MultiTask
{
    /// <summary>Stops training when a monitored value has not improved for <paramref name="Patience"/> epochs.</summary>
    /// <typeparam name="TMetrics">The model's metrics record.</typeparam>
    /// <param name="Monitor">The value to watch, read from the validation metrics (the training metrics without validation data).</param>
    /// <param name="HigherIsBetter">True when larger values are better (accuracy), false for losses.</param>
    /// <param name="Patience">Epochs without improvement before stopping.</param>
    /// <param name="MinDelta">Smallest change that counts as an improvement.</param>
    /// <param name="RestoreBestWeights">Whether the weights of the best epoch are restored at the end.</param>
    public sealed record EarlyStopping<TMetrics>(Func<TMetrics, double> Monitor, bool HigherIsBetter = false, int Patience = 5, double MinDelta = 0, bool RestoreBestWeights = true);
}
