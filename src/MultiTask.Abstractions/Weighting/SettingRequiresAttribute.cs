using System;

namespace MultiTask
{
    /// <summary>
    /// Placed on a <c>bool</c> property of a <see cref="LossWeightingAttribute"/>: what the method needs of the model when the
    /// attribute sets the property to true, beyond what its <see cref="WeightingMethodAttribute.Requires"/> states (MGDA-UB's
    /// one representation every head reads). The generator checks it as it checks <c>Requires</c> (MTL0028, MTL0031, MTL0069)
    /// and reports on the setting. The runtime class should check the same, for code that builds it without the attribute.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
    public sealed class SettingRequiresAttribute : Attribute
    {
        /// <summary>The requirements that apply while the setting is true.</summary>
        public SettingRequiresAttribute(WeightingRequirements requires) => Requires = requires;

        /// <summary>The requirements that apply while the setting is true.</summary>
        public WeightingRequirements Requires { get; }
    }
}
