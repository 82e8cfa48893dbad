namespace MultiTask
{
    /// <summary>A k-class task: softmax cross-entropy on <c>[N, Classes]</c> logits, targets are class indices.</summary>
    public sealed class ClassificationHeadAttribute : HeadAttribute
    {
        /// <summary>Number of classes, at least 2.</summary>
        public int Classes { get; set; }

        /// <summary>Label smoothing of the cross-entropy, in [0, 1).</summary>
        public double LabelSmoothing { get; set; }

        /// <summary>The k of the top-k accuracy metric. Default 5 (capped at <see cref="Classes"/>).</summary>
        public int TopK { get; set; } = 5;

        /// <summary>
        /// Each class's weight in the cross-entropy, in class order: one finite value &gt; 0 per class (checked at compile time).
        /// Unset: every class weighs 1.
        /// </summary>
        public double[] ClassWeights { get; set; } = new double[0];
    }
}
