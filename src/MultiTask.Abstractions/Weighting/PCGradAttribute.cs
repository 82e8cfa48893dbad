namespace MultiTask
{
    /// <summary>
    /// Projecting conflicting gradients (PCGrad; Yu et al., "Gradient Surgery for Multi-Task Learning", NeurIPS 2020): each
    /// task's gradient on the shared parameters is projected onto the normal plane of every other task's gradient it conflicts
    /// with (negative dot product), the others taken in a random order, and the shared parameters step on the sum of the
    /// projected gradients. The heads train on their own losses. Needs shared parameters; the declared head weights are not used.
    /// </summary>
    [WeightingMethod("MultiTask.PCGrad", Requires = WeightingRequirements.SharedParameters)]
    public sealed class PCGradAttribute : LossWeightingAttribute
    {
    }
}
