using System;

namespace MultiTask
{
    /// <summary>What a loss-weighting method needs of the model it trains.</summary>
    [Flags]
    public enum WeightingRequirements
    {
        /// <summary>Nothing: works on every model.</summary>
        None = 0,

        /// <summary>Parameters shared by the tasks (a trunk, an autoencoder's encoder, an expert layer); gradient methods.</summary>
        SharedParameters = 1,

        /// <summary>
        /// One representation every head reads, computed once per batch: the output of a trunk or an autoencoder's encoder over
        /// one shared input (not experts, PLE or cross-stitch units, whose heads read a representation each, nor one input per
        /// task); MGDA-UB.
        /// </summary>
        SharedRepresentation = 2,

        /// <summary>
        /// One last layer every task's loss passes through: the last linear layer of a trunk or of an autoencoder's encoder
        /// (not experts, whose parallel layers end in per-task gates); GradNorm.
        /// </summary>
        SharedLayer = 4,
    }
}
