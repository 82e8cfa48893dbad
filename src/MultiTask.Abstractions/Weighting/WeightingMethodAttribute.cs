using System;

namespace MultiTask
{
    /// <summary>
    /// Placed on a <see cref="LossWeightingAttribute"/>: the runtime class that implements the method and the model parts it
    /// needs. The generator checks the requirements against the model and writes one construction line,
    /// <c>new RuntimeType(tasks) { Property = value, ... }</c>, so a new method needs no generator change.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class WeightingMethodAttribute : Attribute
    {
        /// <summary>Names the runtime class.</summary>
        /// <param name="runtimeType">
        /// The full name of a class deriving from <c>MultiTask.LossWeighting</c> with a public constructor taking the model's
        /// tasks (<c>IReadOnlyList&lt;TaskDefinition&gt;</c>), for example <c>"MultiTask.UncertaintyWeighting"</c>.
        /// </param>
        public WeightingMethodAttribute(string runtimeType)
        {
            RuntimeType = runtimeType;
        }

        /// <summary>The full name of the runtime class.</summary>
        public string RuntimeType { get; }

        /// <summary>What the method needs of the model; checked at compile time.</summary>
        public WeightingRequirements Requires { get; set; }
    }
}
