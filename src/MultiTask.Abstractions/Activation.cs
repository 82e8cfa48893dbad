namespace MultiTask
{
    /// <summary>Activation function of a hidden layer.</summary>
    public enum Activation
    {
        /// <summary>max(0, x).</summary>
        ReLU,
        /// <summary>Gaussian error linear unit.</summary>
        GELU,
        /// <summary>Hyperbolic tangent.</summary>
        Tanh,
        /// <summary>x * sigmoid(x), also called swish.</summary>
        SiLU,
    }
}
