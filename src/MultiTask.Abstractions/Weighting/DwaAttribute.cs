namespace MultiTask
{
    /// <summary>
    /// Dynamic Weight Average (Liu, Johns and Davison, CVPR 2019): each epoch's weights
    /// <c>w_i = K softmax(r / T)_i</c> from the rate of descent <c>r_i = Lbar_i(t-1) / Lbar_i(t-2)</c> of each task's mean
    /// training loss over the two previous epochs; every weight is 1 in the first two epochs. A task whose loss falls more
    /// slowly gets a larger weight. The declared head weights are not used.
    /// </summary>
    [WeightingMethod("MultiTask.Dwa")]
    public sealed class DwaAttribute : LossWeightingAttribute
    {
        /// <summary>The softmax temperature T, greater than 0; a larger T gives weights closer to 1. Default 2, as in the paper.</summary>
        [SettingRange(Minimum = 0, MinimumExclusive = true)]
        public double Temperature { get; set; } = 2;
    }
}
