using System;

namespace MultiTask
{
    /// <summary>
    /// Declares a multi-task model. The class must be <c>partial</c>; the MultiTask source generator adds the
    /// TorchSharp module, the typed records (<c>Outputs</c>, <c>Targets</c>, <c>Batch</c>, <c>Losses</c>, <c>Metrics</c>),
    /// the loss and the trainer.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class MultiTaskModelAttribute : Attribute
    {
        /// <summary>Width of the input row (number of features). Required, positive.</summary>
        public int InputSize { get; set; }

        /// <summary>
        /// The default learning rate of the generated <c>TrainingOptions</c> (of every component without its own); positive.
        /// Unset means the runtime's default, 1e-3. A head's own <c>LearningRate</c> 100 times larger or smaller is warned about (MTL0020).
        /// </summary>
        public double LearningRate { get; set; }

        /// <summary>
        /// One input per task instead of one shared input: every task's rows go through the same trunk (if any) and then its
        /// head, tasks may come from data sets of different sizes, and a task may be absent from a batch.
        /// </summary>
        public bool InputPerTask { get; set; }
    }
}
