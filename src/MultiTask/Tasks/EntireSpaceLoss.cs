using System;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// ESMM's loss over the entire impression space (Ma et al. 2018): <c>BCE(pCTR, click) + BCE(pCTCVR, click AND conversion)</c>,
    /// each a mean over impressions; pCVR is never supervised directly, so the conversion tower learns from every impression
    /// rather than from clicked ones only (no selection bias). The click term is <see cref="Click"/>'s own loss (its mask,
    /// sample weights and positive weight apply). The click-and-conversion label of a row is <c>click * conversion</c>: 0 on
    /// every unclicked impression whatever its conversion label (which is usually masked there), the conversion label on a
    /// clicked one. It is present where the click label is present and the row is either unclicked or has a conversion label;
    /// its rows weigh what the click target's sample weights say. See <see cref="EntireSpace"/> for the stable arithmetic.
    /// </summary>
    public sealed class EntireSpaceLoss
    {
        /// <summary>Pairs the click (CTR) task and the conversion (CVR) task.</summary>
        public EntireSpaceLoss(BinaryTask click, BinaryTask conversion)
        {
            ArgumentNullException.ThrowIfNull(click);
            ArgumentNullException.ThrowIfNull(conversion);
            if (ReferenceEquals(click, conversion))
            {
                throw new ArgumentException($"ESMM needs two tasks; '{click.Name}' was given as both the click and the conversion task.", nameof(conversion));
            }

            Click = click;
            Conversion = conversion;
        }

        /// <summary>The click (CTR) task, supervised on every impression.</summary>
        public BinaryTask Click { get; }

        /// <summary>The conversion (CVR) task; its logits enter the loss only through pCTCVR.</summary>
        public BinaryTask Conversion { get; }

        /// <summary>The two terms, each a scalar in the graph: the click loss (in <see cref="Click"/>'s slot) and the click-and-conversion loss (in <see cref="Conversion"/>'s).</summary>
        /// <exception cref="TaskDataException">A target whose shape, dtype, mask or weights do not fit its logits.</exception>
        public EntireSpaceLosses Compute(Tensor clickLogits, Tensor conversionLogits, TaskTarget click, TaskTarget conversion)
        {
            Conversion.CheckOutput(conversionLogits, []);
            var clickLoss = Click.Loss(clickLogits, click);
            try
            {
                return new EntireSpaceLosses(clickLoss, ClickAndConversionLoss(clickLogits, conversionLogits, click, conversion));
            }
            catch
            {
                clickLoss.Dispose();
                throw;
            }
        }

        /// <summary>
        /// Throws <see cref="TaskDataException"/> naming the first row of a data set that converted without a click (which
        /// ESMM's click-and-conversion label cannot express). Reads the labels back from the device: call it once per data set,
        /// not per step.
        /// </summary>
        public void CheckImpressions(TaskTarget click, TaskTarget conversion)
        {
            ArgumentNullException.ThrowIfNull(click);
            ArgumentNullException.ThrowIfNull(conversion);
            if (click.Rows != conversion.Rows)
            {
                throw new TaskDataException($"Task '{Conversion.Name}': ESMM needs one conversion label per impression: {conversion.Rows} rows, but '{Click.Name}' has {click.Rows}.");
            }

            using var converted = conversion.Labels.ne(0);
            using var notClicked = click.Labels.eq(0);
            using var withoutClick = converted.logical_and(notClicked);
            using var present = (click.Mask, conversion.Mask) switch
            {
                (null, null) => null,
                ({ } clickMask, null) => clickMask.alias(),
                (null, { } conversionMask) => conversionMask.alias(),
                ({ } clickMask, { } conversionMask) => clickMask.logical_and(conversionMask),
            };
            if (TaskDefinition.FirstPresent(withoutClick, present) is { } at)
            {
                throw new TaskDataException(
                    $"Task '{Conversion.Name}': row {at.Row} of the data set converted without a click ('{Click.Name}' is 0 there); ESMM's click-and-conversion label needs every conversion to follow a click.");
            }
        }

        private Tensor ClickAndConversionLoss(Tensor clickLogits, Tensor conversionLogits, TaskTarget click, TaskTarget conversion)
        {
            var (clickLabels, clickMask, weights) = Click.CheckTarget(clickLogits, click, [], integral: false, "Float32 (0 or 1)");
            var (conversionLabels, conversionMask, _) = Conversion.CheckTarget(conversionLogits, conversion, [], integral: false, "Float32 (0 or 1)");
            var device = conversionLogits.device;
            using var clickMaskOnDevice = clickMask?.to(device);
            using var conversionMaskOnDevice = conversionMask?.to(device);
            using var clicks0 = clickLabels.to(conversionLogits.dtype, device);
            using var conversions0 = conversionLabels.to(conversionLogits.dtype, device);
            using var clicks = TaskDefinition.FillAbsent(clicks0, clickMaskOnDevice, 0);
            using var conversions = TaskDefinition.FillAbsent(conversions0, conversionMaskOnDevice, 0);
            using var labels = clicks.mul(conversions);
            using var present = Present(clicks, clickMaskOnDevice, conversionMaskOnDevice);
            using var perRow = EntireSpace.ClickAndConversionLoss(clickLogits, conversionLogits, labels);
            return TaskDefinition.WeightedMean(perRow, present, weights);
        }

        /// <summary>Where the click label is present and the row is unclicked or has a conversion label; null when that is every row.</summary>
        private static Tensor? Present(Tensor clicks, Tensor? clickMask, Tensor? conversionMask)
        {
            if (conversionMask is null)
            {
                return clickMask?.alias();
            }

            using var unclicked = clicks.eq(Scalars.Zero);
            using var known = unclicked.logical_or(conversionMask);
            return clickMask is null ? known.alias() : known.logical_and(clickMask);
        }
    }

    /// <summary>The two terms of <see cref="EntireSpaceLoss.Compute"/>, scalars in the graph; disposing disposes both.</summary>
    /// <param name="Click">Mean <c>BCE(pCTR, click)</c>.</param>
    /// <param name="ClickAndConversion">Mean <c>BCE(pCTCVR, click AND conversion)</c>.</param>
    public sealed record EntireSpaceLosses(Tensor Click, Tensor ClickAndConversion) : IDisposable
    {
        /// <summary>The sum of both terms, the ESMM objective with unit weights.</summary>
        public Tensor Total() => Click.add(ClickAndConversion);

        /// <inheritdoc />
        public void Dispose()
        {
            Click.Dispose();
            ClickAndConversion.Dispose();
        }
    }
}
