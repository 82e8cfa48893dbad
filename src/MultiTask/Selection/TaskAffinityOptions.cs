using System;

namespace MultiTask
{
    /// <summary>
    /// Measuring inter-task affinity while training (<see cref="TrainingOptions{TMetrics}.TaskAffinity"/>): every
    /// <see cref="Every"/> steps, TAG's lookahead (Fifty et al. 2021) and the cosine similarity of the task gradients on the
    /// shared parameters, averaged per epoch into <see cref="EpochResult{TMetrics}.TaskAffinity"/>.
    /// </summary>
    public sealed record TaskAffinityOptions
    {
        /// <summary>Steps between two measurements (default 10).</summary>
        public int Every
        {
            get;
            init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(Every), value, "Every must be positive.");
        } = 10;
    }
}
