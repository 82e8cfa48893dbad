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

        /// <summary>A shared representation the heads read (the output of a trunk, an encoder or the experts); MGDA-UB.</summary>
        SharedRepresentation = 2,

        /// <summary>
        /// One last layer every task's loss passes through: the last linear layer of a trunk or of an autoencoder's encoder
        /// (not experts, whose parallel layers end in per-task gates); GradNorm.
        /// </summary>
        SharedLayer = 4,
    }
}
