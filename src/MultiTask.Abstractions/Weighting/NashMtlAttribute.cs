namespace MultiTask
{
    /// <summary>
    /// Nash-MTL (Navon et al., "Multi-Task Learning as a Bargaining Game", ICML 2022): the shared parameters step on
    /// <c>sum_i alpha_i g_i</c> with the weights of the Nash bargaining solution, <c>G G^T alpha = 1 / alpha</c> (every task's gain
    /// <c>g_i . d</c> is <c>1 / alpha_i</c>). The heads train on their own losses. Needs shared parameters; the declared head weights
    /// are not used.
    /// </summary>
    [WeightingMethod("MultiTask.NashMtl", Requires = WeightingRequirements.SharedParameters)]
    public sealed class NashMtlAttribute : LossWeightingAttribute
    {
    }
}
