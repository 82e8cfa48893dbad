namespace MultiTask
{
    /// <summary>
    /// Conflict-averse gradient descent (CAGrad; Liu et al., "Conflict-Averse Gradient Descent for Multi-task Learning",
    /// NeurIPS 2021): the shared parameters step on the direction within <c>C ||g_0||</c> of the mean task gradient <c>g_0</c> that
    /// most raises the smallest first-order improvement of any task. The heads train on their own losses. Needs shared parameters;
    /// the declared head weights are not used.
    /// </summary>
    [WeightingMethod("MultiTask.CAGrad", Requires = WeightingRequirements.SharedParameters)]
    public sealed class CAGradAttribute : LossWeightingAttribute
    {
        /// <summary>The radius of the ball around the mean gradient, as a fraction of its norm, in [0, 1); default 0.4 (0 is plain gradient descent on the mean loss).</summary>
        [SettingRange(Minimum = 0, Maximum = 1, MaximumExclusive = true)]
        public double C { get; set; } = 0.4;
    }
}
