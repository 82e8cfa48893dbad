using System;

namespace MultiTask
{
    /// <summary>
    /// Built in when <see cref="TrainingOptions{TMetrics}.CollectAfterEpoch"/> is set (the default): a young-generation
    /// garbage collection after every epoch, well under a millisecond. Every step allocates small managed wrappers of native
    /// objects; collecting them once per epoch keeps resident memory flat (docs/performance.md).
    /// </summary>
    /// <typeparam name="TMetrics">The model's metrics record.</typeparam>
    public sealed class EpochCollection<TMetrics> : TrainingCallback<TMetrics>
    {
        /// <inheritdoc />
        public override void OnEpochEnd(EpochEnd<TMetrics> epoch) => GC.Collect(0, GCCollectionMode.Forced, blocking: true);
    }
}
