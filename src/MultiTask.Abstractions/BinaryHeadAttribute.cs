namespace MultiTask
{
    /// <summary>A yes/no task: binary cross-entropy on one logit per row, targets are 0 or 1.</summary>
    public sealed class BinaryHeadAttribute : HeadAttribute
    {
        /// <summary>Weight of the positive class in the loss (PyTorch's <c>pos_weight</c>); unset means 1.</summary>
        public double PositiveWeight { get; set; }

        /// <summary>Probability at or above which a row is predicted positive. Default 0.5.</summary>
        public double Threshold { get; set; } = 0.5;
    }
}
