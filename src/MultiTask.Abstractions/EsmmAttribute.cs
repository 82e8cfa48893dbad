using System;

namespace MultiTask
{
    /// <summary>
    /// ESMM (entire-space multi-task model, Ma et al. 2018) over two <c>[BinaryHead]</c>s of the model: the click head's
    /// loss is <c>BCE(pCTR, click)</c> and the conversion head's is <c>BCE(pCTR * pCVR, click AND conversion)</c>, both over
    /// every impression, so pCVR learns from the entire impression space. Predictions gain <c>ClickAndConversion</c>
    /// (pCTCVR). Other heads keep their own losses.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class EsmmAttribute : Attribute
    {
        /// <summary>The name of the click (CTR) head, e.g. <c>nameof(Click)</c>.</summary>
        public string Click { get; set; } = "";

        /// <summary>The name of the conversion (CVR) head, e.g. <c>nameof(Conversion)</c>; its target is the conversion label of clicked rows.</summary>
        public string Conversion { get; set; } = "";
    }
}
