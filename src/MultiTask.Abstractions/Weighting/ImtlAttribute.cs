namespace MultiTask
{
    /// <summary>
    /// Impartial multi-task learning, its gradient part (IMTL-G; Liu et al., "Towards Impartial Multi-task Learning", ICLR 2021):
    /// the shared parameters step on the combination of the task gradients, with weights summing to 1, whose projections on every
    /// task's unit gradient are equal, so no task's direction is favoured. The heads train on their own losses. Needs shared
    /// parameters; the declared head weights are not used.
    /// </summary>
    [WeightingMethod("MultiTask.Imtl", Requires = WeightingRequirements.SharedParameters)]
    public sealed class ImtlAttribute : LossWeightingAttribute
    {
    }
}
