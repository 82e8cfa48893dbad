namespace MultiTask
{
    /// <summary>
    /// The multiple-gradient descent algorithm (MGDA; Sener and Koltun, "Multi-Task Learning as Multi-Objective Optimization",
    /// NeurIPS 2018): the shared parameters step on the point of minimum norm in the convex hull of the task gradients on them,
    /// a direction that lowers no task's loss less than zero to first order. The heads train on their own losses. Needs shared
    /// parameters; the declared head weights are not used.
    /// </summary>
    [WeightingMethod("MultiTask.Mgda", Requires = WeightingRequirements.SharedParameters)]
    public sealed class MgdaAttribute : LossWeightingAttribute
    {
        /// <summary>How each task gradient is scaled before the min-norm point is found; default <see cref="MgdaNormalization.None"/>.</summary>
        public MgdaNormalization Normalization { get; set; }

        /// <summary>
        /// MGDA-UB: the weights come from the task gradients with respect to the representation the heads share (cheaper: one
        /// gradient per task on the representation, one on the shared parameters), an upper bound of the problem on the shared
        /// parameters. Needs one representation every head reads (a trunk or an encoder over one shared input, not experts, PLE,
        /// cross-stitch units or one input per task): on another model it is a compile error (MTL0069). Default false.
        /// </summary>
        [SettingRequires(WeightingRequirements.SharedRepresentation)]
        public bool UpperBound { get; set; }
    }
}
