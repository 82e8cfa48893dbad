using System;

namespace MultiTask
{
    /// <summary>
    /// The base of every loss-weighting attribute on a model class (<c>[StaticWeighting]</c>, <c>[UncertaintyWeighting]</c>,
    /// ...). A model has at most one; without one it trains with <see cref="StaticWeightingAttribute"/>. A derived attribute
    /// carries a <see cref="WeightingMethodAttribute"/> that names its runtime class and what the method needs of the model;
    /// its settable properties become the runtime object's properties of the same name.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public abstract class LossWeightingAttribute : Attribute
    {
    }
}
