using System;

namespace MultiTask
{
    /// <summary>
    /// An input field of <see cref="Size"/> float features, read as they are. Put it on a
    /// <c>public partial DenseInput Name { get; }</c> property. A model with input fields has no <c>InputSize</c>: what the
    /// trunk reads is every field's features concatenated in declaration order.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
    public sealed class DenseAttribute : Attribute
    {
        /// <param name="size">The number of features, positive; a batch holds float32 <c>[N, size]</c>.</param>
        public DenseAttribute(int size) => Size = size;

        /// <summary>The number of features.</summary>
        public int Size { get; }
    }
}
