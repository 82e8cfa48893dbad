namespace MultiTask
{
    /// <summary>A real-valued task with <see cref="Outputs"/> values per row.</summary>
    public sealed class RegressionHeadAttribute : HeadAttribute
    {
        /// <summary>Number of values predicted per row. Default 1.</summary>
        public int Outputs { get; set; } = 1;

        /// <summary>The loss. Default mean squared error.</summary>
        public RegressionLoss Loss { get; set; } = RegressionLoss.Mse;

        /// <summary>The delta of the Huber loss. Default 1.</summary>
        public double HuberDelta { get; set; } = 1.0;
    }
}
