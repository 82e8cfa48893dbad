using System;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// The arithmetic of ESMM (entire-space multi-task model, Ma et al. 2018) on the logits a of a click (CTR) tower and b of
    /// a conversion (CVR) tower: <c>pCTR = sigmoid(a)</c>, <c>pCVR = sigmoid(b)</c>, <c>pCTCVR = pCTR * pCVR</c>. The log
    /// probabilities are computed from the logits so that neither a product of small probabilities nor
    /// <c>log(1 - p)</c> near <c>p = 1</c> loses precision: <c>log pCTCVR = logsigmoid(a) + logsigmoid(b)</c> and, since
    /// <c>1 - sigmoid(a) sigmoid(b) = sigmoid(-a) + sigmoid(a) sigmoid(-b)</c>,
    /// <c>log(1 - pCTCVR) = logaddexp(logsigmoid(-a), logsigmoid(a) + logsigmoid(-b))</c>; both are finite, with finite
    /// gradients, for every finite logit.
    /// </summary>
    public static class EntireSpace
    {
        /// <summary><c>log pCTCVR</c> and <c>log(1 - pCTCVR)</c>, each <c>[N]</c>, from the click and conversion logits <c>[N]</c>.</summary>
        public static (Tensor LogProbability, Tensor LogComplement) LogClickAndConversion(Tensor clickLogits, Tensor conversionLogits)
        {
            CheckLogits(clickLogits, conversionLogits);
            using var logClick = nn.functional.logsigmoid(clickLogits);
            using var logConversion = nn.functional.logsigmoid(conversionLogits);
            using var negatedClick = clickLogits.neg();
            using var negatedConversion = conversionLogits.neg();
            using var logNoClick = nn.functional.logsigmoid(negatedClick);
            using var logNoConversion = nn.functional.logsigmoid(negatedConversion);
            using var logClickNoConversion = logClick.add(logNoConversion);
            return (logClick.add(logConversion), torch.logaddexp(logNoClick, logClickNoConversion));
        }

        /// <summary>
        /// Per-row binary cross-entropy <c>-(y log pCTCVR + (1 - y) log(1 - pCTCVR))</c>, <c>[N]</c>, against
        /// <paramref name="labels"/> <c>[N]</c> of 0 or 1 (click AND conversion), in the logits' dtype.
        /// </summary>
        public static Tensor ClickAndConversionLoss(Tensor clickLogits, Tensor conversionLogits, Tensor labels)
        {
            ArgumentNullException.ThrowIfNull(labels);
            var (logProbability, logComplement) = LogClickAndConversion(clickLogits, conversionLogits);
            using (logProbability)
            using (logComplement)
            {
                using var y = labels.to(logProbability.dtype, logProbability.device);
                using var positive = y.mul(logProbability);
                using var notY = y.neg().add_(Scalars.One);
                using var negative = notY.mul(logComplement);
                using var sum = positive.add(negative);
                return sum.neg();
            }
        }

        /// <summary><c>pCTR</c>, <c>pCVR</c> and <c>pCTCVR = pCTR * pCVR</c>, each <c>[N]</c>.</summary>
        public static EntireSpaceProbabilities Probabilities(Tensor clickLogits, Tensor conversionLogits)
        {
            CheckLogits(clickLogits, conversionLogits);
            var click = clickLogits.sigmoid();
            var conversion = conversionLogits.sigmoid();
            return new EntireSpaceProbabilities(click, conversion, click.mul(conversion));
        }

        private static void CheckLogits(Tensor clickLogits, Tensor conversionLogits)
        {
            ArgumentNullException.ThrowIfNull(clickLogits);
            ArgumentNullException.ThrowIfNull(conversionLogits);
            if (clickLogits.dim() != 1 || conversionLogits.dim() != 1 || clickLogits.size(0) != conversionLogits.size(0))
            {
                throw new ArgumentException(
                    $"ESMM expects click and conversion logits of the same shape [N], got {Shapes.Format(clickLogits)} and {Shapes.Format(conversionLogits)}.");
            }
        }
    }

    /// <summary>The probabilities of <see cref="EntireSpace.Probabilities"/>, each <c>[N]</c>; disposing disposes all three.</summary>
    /// <param name="Click">pCTR = p(click | impression).</param>
    /// <param name="Conversion">pCVR = p(conversion | click, impression), defined on every impression.</param>
    /// <param name="ClickAndConversion">pCTCVR = p(click and conversion | impression) = pCTR * pCVR.</param>
    public sealed record EntireSpaceProbabilities(Tensor Click, Tensor Conversion, Tensor ClickAndConversion) : IDisposable
    {
        /// <inheritdoc />
        public void Dispose()
        {
            Click.Dispose();
            Conversion.Dispose();
            ClickAndConversion.Dispose();
        }
    }
}
