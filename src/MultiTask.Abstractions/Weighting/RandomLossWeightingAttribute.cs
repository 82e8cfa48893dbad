namespace MultiTask
{
    /// <summary>
    /// Random Loss Weighting (RLW; Lin, Ye, Zhang and Tsang, "Reasonable Effectiveness of Random Weighting: A Litmus Test for
    /// Multi-Task Learning", TMLR 2022, arXiv:2111.10603): each step draws <c>z ~ N(0, I_K)</c> from torch's random generator (reproducible from the
    /// trainer's seed) and back-propagates <c>sum_i softmax(z)_i L_i</c>. The declared head weights are not used.
    /// </summary>
    [WeightingMethod("MultiTask.RandomLossWeighting")]
    public sealed class RandomLossWeightingAttribute : LossWeightingAttribute
    {
    }
}
