namespace MultiTask
{
    /// <summary>
    /// Homoscedastic uncertainty weighting (Kendall, Gal and Cipolla, CVPR 2018): one learnable log-variance <c>s_i</c> per
    /// task; a regression task adds <c>L_i exp(-s_i) / 2 + s_i / 2</c>, a classification or binary task
    /// <c>L_i exp(-s_i) + s_i / 2</c>. The declared head weights are not used. The log-variances are parameters of the model
    /// (state-dict key <c>lossWeighting.log_variances</c>) trained in an optimizer group of their own.
    /// </summary>
    [WeightingMethod("MultiTask.UncertaintyWeighting")]
    public sealed class UncertaintyWeightingAttribute : LossWeightingAttribute
    {
    }
}
