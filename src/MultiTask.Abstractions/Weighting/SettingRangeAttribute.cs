using System;

namespace MultiTask
{
    /// <summary>
    /// Placed on a numeric property of a <see cref="LossWeightingAttribute"/>: the values the setting may take. The generator
    /// checks every value written in the attribute against it (MTL0030), so an out-of-range setting is a compile-time error
    /// rather than an exception when the model is built. NaN and the infinities are always out of range; an unset bound means
    /// none on that side. It applies to <c>double</c> and <c>int</c> settings; on a property of another type it is ignored. The
    /// runtime class should check the same range, for code that builds it without the attribute.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
    public sealed class SettingRangeAttribute : Attribute
    {
        /// <summary>The smallest valid value (see <see cref="MinimumExclusive"/>); unset, NaN or negative infinity for no lower bound.</summary>
        public double Minimum { get; set; } = double.NegativeInfinity;

        /// <summary>True when <see cref="Minimum"/> itself is out of range (the value must be greater than it). Default false.</summary>
        public bool MinimumExclusive { get; set; }

        /// <summary>The largest valid value (see <see cref="MaximumExclusive"/>); unset, NaN or positive infinity for no upper bound.</summary>
        public double Maximum { get; set; } = double.PositiveInfinity;

        /// <summary>True when <see cref="Maximum"/> itself is out of range (the value must be less than it). Default false.</summary>
        public bool MaximumExclusive { get; set; }
    }
}
