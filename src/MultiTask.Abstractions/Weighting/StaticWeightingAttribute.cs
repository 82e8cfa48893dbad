namespace MultiTask
{
    /// <summary>
    /// The default: the total loss is <c>sum_i w_i L_i</c> with each head's declared <see cref="HeadAttribute.Weight"/>, plus
    /// the model's auxiliary terms (soft-sharing penalty, reconstruction); one backward pass per step.
    /// </summary>
    [WeightingMethod("MultiTask.StaticWeighting")]
    public sealed class StaticWeightingAttribute : LossWeightingAttribute
    {
    }
}
