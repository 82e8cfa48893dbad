using System;

namespace MultiTask
{
    /// <summary>
    /// Hard parameter sharing: an MLP trunk shared by every task head. Put it on a
    /// <c>public partial Trunk Name { get; }</c> property.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
    public sealed class SharedTrunkAttribute : Attribute
    {
        /// <param name="hidden">Widths of the trunk's hidden layers, input side first. The last width is what the heads read.</param>
        public SharedTrunkAttribute(params int[] hidden) => Hidden = hidden;

        /// <param name="module">
        /// A trunk of your own: a non-abstract class deriving from <c>nn.Module&lt;Tensor, Tensor&gt;</c> with a public
        /// constructor <c>(int inputSize, int outputSize)</c> or a public parameterless one. Declare its <see cref="OutputSize"/>.
        /// </param>
        public SharedTrunkAttribute(Type module)
        {
            Module = module;
            Hidden = new int[0];
        }

        /// <summary>The custom trunk module, or null for the MLP trunk.</summary>
        public Type? Module { get; }

        /// <summary>Width of a custom trunk module's output (what the heads read). Required with <see cref="Module"/>.</summary>
        public int OutputSize { get; set; }

        /// <summary>Widths of the hidden layers.</summary>
        public int[] Hidden { get; }

        /// <summary>Activation after every hidden layer.</summary>
        public Activation Activation { get; set; } = Activation.ReLU;

        /// <summary>Dropout probability after every hidden layer, in [0, 1).</summary>
        public double Dropout { get; set; }

        /// <summary>Layer normalization after every hidden layer (before the activation).</summary>
        public bool LayerNorm { get; set; }

        /// <summary>Weight decay for the trunk's parameters; unset means the trainer's default.</summary>
        public double WeightDecay { get; set; }
    }
}
