namespace MultiTask
{
    /// <summary>
    /// Aligned-MTL (Senushkin et al., "Independent Component Alignment for Multi-Task Learning", CVPR 2023): the task gradients
    /// are transformed so that their components are orthogonal with equal norms (the smallest singular value of the gradient
    /// matrix), removing both conflicts and dominance, and the shared parameters step on the sum. The heads train on their own
    /// losses. Needs shared parameters; the declared head weights are not used.
    /// </summary>
    [WeightingMethod("MultiTask.AlignedMtl", Requires = WeightingRequirements.SharedParameters)]
    public sealed class AlignedMtlAttribute : LossWeightingAttribute
    {
    }
}
