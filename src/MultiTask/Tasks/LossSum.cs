using System;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>The total of a model's loss terms, as the generated <c>ComputeLoss</c> adds them.</summary>
    public static class LossSum
    {
        /// <summary>
        /// <c>terms[0] + terms[1] + ...</c>, in the graph. Unlike the <c>+</c> operator, which makes a native Scalar for every
        /// addition and leaves it to the finalizer, the additions share one Scalar made once.
        /// </summary>
        public static Tensor Of(params Tensor[] terms)
        {
            ArgumentNullException.ThrowIfNull(terms);
            if (terms.Length == 0)
            {
                throw new ArgumentException("A loss sum needs at least one term.", nameof(terms));
            }

            var total = terms[0];
            for (var i = 1; i < terms.Length; i++)
            {
                total = total.add(terms[i], Scalars.One);
            }

            return total;
        }
    }
}
