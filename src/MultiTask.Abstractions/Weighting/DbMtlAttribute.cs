namespace MultiTask
{
    /// <summary>
    /// Dual-balancing multi-task learning (DB-MTL; Lin et al., "Dual-Balancing for Multi-Task Learning", arXiv:2308.12029,
    /// 2023): each task's gradient on the shared parameters is taken of <c>log(L_i + eps)</c>, kept as a moving average
    /// <c>m_i</c>, and the shared parameters step on <c>sum_i (max_j ||m_j|| / ||m_i||) m_i</c>, so every task pulls with the
    /// largest task's strength. The heads train on their own log losses. Needs shared parameters; the declared head weights are not used.
    /// </summary>
    [WeightingMethod("MultiTask.DbMtl", Requires = WeightingRequirements.SharedParameters)]
    public sealed class DbMtlAttribute : LossWeightingAttribute
    {
        /// <summary>The moving average's factor beta, in [0, 1): <c>m_i = g_i + (beta / t^sigma) (m_i - g_i)</c>. Default 0.9.</summary>
        [SettingRange(Minimum = 0, Maximum = 1, MaximumExclusive = true)]
        public double Beta { get; set; } = 0.9;

        /// <summary>The decay sigma of beta over the steps t, at least 0; default 0 (a constant beta).</summary>
        [SettingRange(Minimum = 0)]
        public double BetaSigma { get; set; }
    }
}
