namespace MultiTask
{
    /// <summary>Loss of a regression head.</summary>
    public enum RegressionLoss
    {
        /// <summary>Mean squared error.</summary>
        Mse,
        /// <summary>Mean absolute error.</summary>
        L1,
        /// <summary>Huber loss with <see cref="RegressionHeadAttribute.HuberDelta"/>.</summary>
        Huber,
    }
}
