using System;

namespace MultiTask
{
    /// <summary>
    /// Soft parameter sharing: no shared trunk; every head has its own tower (<see cref="HeadAttribute.Hidden"/>, the same
    /// widths on every head), and the training loss adds <c>Lambda * sum_i ||theta_i - theta_mean||^2</c> over the
    /// corresponding parameters of the towers, which pulls them towards their mean.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class SoftSharingAttribute : Attribute
    {
        /// <summary>Strength of the pull towards the towers' mean, zero or more. Default 1e-3.</summary>
        public double Lambda { get; set; } = 1e-3;
    }
}
