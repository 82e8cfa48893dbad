namespace MultiTask
{
    /// <summary>
    /// Unconflicting projection of gradients (UPGrad; Quinton and Rey, "Jacobian Descent for Multi-Objective Optimization", 2024):
    /// each task gradient on the shared parameters is projected onto the dual cone of all of them (the directions no task gradient
    /// opposes), and the shared parameters step on the mean of the projections. The heads train on their own losses. Needs shared
    /// parameters; the declared head weights are not used.
    /// </summary>
    [WeightingMethod("MultiTask.UPGrad", Requires = WeightingRequirements.SharedParameters)]
    public sealed class UPGradAttribute : LossWeightingAttribute
    {
    }
}
