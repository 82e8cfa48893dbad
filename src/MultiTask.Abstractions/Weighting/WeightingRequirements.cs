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
    }
}
