using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>A loss term of the model itself, beside the task losses: the soft-sharing penalty, the autoencoder's reconstruction.</summary>
    /// <param name="Name">The term's name, as in the model's <c>Losses</c> record.</param>
    /// <param name="Loss">The unweighted term, a scalar.</param>
    /// <param name="Weight">Its declared weight in the total (the penalty's lambda is already inside the penalty: 1).</param>
    public sealed record AuxiliaryLoss(string Name, Tensor Loss, double Weight = 1)
    {
        /// <summary><c>Weight * Loss</c>.</summary>
        public Tensor Weighted()
        {
            if (Weight == 1)
            {
                return Loss;
            }

            using var weight = Weight.ToScalar();
            return Loss.mul(weight);
        }
    }
}
