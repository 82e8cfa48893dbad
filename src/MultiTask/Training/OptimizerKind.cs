namespace MultiTask
{
    /// <summary>The optimizer a trainer builds.</summary>
    public enum OptimizerKind
    {
        /// <summary>Adam (L2 weight decay added to the gradient).</summary>
        Adam,
        /// <summary>AdamW (decoupled weight decay).</summary>
        AdamW,
        /// <summary>Stochastic gradient descent with momentum.</summary>
        Sgd,
    }
}
