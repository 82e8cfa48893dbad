namespace MultiTask
{
    /// <summary>
    /// Fast Adaptive Multitask Optimization (FAMO; Liu, Feng, Stone and Liu, "FAMO: Fast Adaptive Multitask Optimization",
    /// NeurIPS 2023): the model steps on <c>sum_i z_i log(L_i + eps) / c</c> with <c>z = softmax(xi)</c> and the normalizer
    /// <c>c = sum_i z_i / (L_i + eps)</c>, so that every task's log loss falls at about the same rate; after the step the
    /// logits <c>xi</c> move by their own Adam towards the tasks whose log loss fell least on the same batch. One backward
    /// pass and one forward pass without gradients per step. The logits and their Adam moments are buffers of the model
    /// (<c>lossWeighting.logits</c>, ...). The declared head weights are not used.
    /// </summary>
    [WeightingMethod("MultiTask.Famo")]
    public sealed class FamoAttribute : LossWeightingAttribute
    {
        /// <summary>The learning rate of the logits' Adam, greater than 0. Default 0.025, as in the paper.</summary>
        [SettingRange(Minimum = 0, MinimumExclusive = true)]
        public double LearningRate { get; set; } = 0.025;

        /// <summary>The weight decay gamma of the logits' Adam (added to their gradient), at least 0. Default 0.001, as in the paper.</summary>
        [SettingRange(Minimum = 0)]
        public double WeightDecay { get; set; } = 0.001;
    }
}
