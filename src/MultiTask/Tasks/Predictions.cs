using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>A classification head's prediction: class probabilities <c>[N, k]</c> and the most likely class <c>[N]</c> (int64).</summary>
    /// <param name="Probabilities">Softmax of the logits, <c>[N, k]</c>.</param>
    /// <param name="Classes">Argmax class, int64 <c>[N]</c>.</param>
    public sealed record ClassificationPrediction(Tensor Probabilities, Tensor Classes);

    /// <summary>A binary head's prediction: probabilities <c>[N]</c> and labels <c>[N]</c> (bool, probability at or above the threshold).</summary>
    /// <param name="Probabilities">Sigmoid of the logits, <c>[N]</c>.</param>
    /// <param name="Labels">Bool <c>[N]</c>, true where the probability reaches the task's threshold.</param>
    public sealed record BinaryPrediction(Tensor Probabilities, Tensor Labels);

    /// <summary>A regression head's prediction.</summary>
    /// <param name="Values">The predicted values, <c>[N]</c> or <c>[N, m]</c>.</param>
    public sealed record RegressionPrediction(Tensor Values);
}
