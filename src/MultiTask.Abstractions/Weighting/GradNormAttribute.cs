namespace MultiTask
{
    /// <summary>
    /// GradNorm (Chen, Badrinarayanan, Lee and Rabinovich, "GradNorm: Gradient Normalization for Adaptive Loss Balancing in
    /// Deep Multitask Networks", ICML 2018): learnable task weights <c>w_i</c> (1 at the start), trained so that the norm of
    /// each weighted task loss's gradient on the last shared layer follows the mean norm times the task's relative inverse
    /// training rate to the power <see cref="Alpha"/>; a task whose loss falls more slowly gets a larger weight. The weights
    /// are parameters of the model (state-dict key <c>lossWeighting.weights</c>) trained in an optimizer group of their own,
    /// and renormalized to sum to the number of tasks after every step. Needs one last layer every task shares: a
    /// <c>[SharedTrunk]</c> or an <c>[AutoencoderTrunk]</c>'s encoder. The declared head weights are not used.
    /// </summary>
    [WeightingMethod("MultiTask.GradNorm", Requires = WeightingRequirements.SharedLayer)]
    public sealed class GradNormAttribute : LossWeightingAttribute
    {
        /// <summary>The asymmetry alpha, at least 0: how strongly a slower task is pulled up; 0 asks for equal gradient norms. Default 1.5.</summary>
        [SettingRange(Minimum = 0)]
        public double Alpha { get; set; } = 1.5;
    }
}
