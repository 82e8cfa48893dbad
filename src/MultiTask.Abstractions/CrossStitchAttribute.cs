using System;

namespace MultiTask
{
    /// <summary>
    /// Cross-stitch network (Misra et al. 2016): one tower per head, all of the widths <see cref="Hidden"/>, and after each
    /// layer a learned K x K mixing of the towers' activations; head k reads tower k's last layer. Put it on a
    /// <c>public partial CrossStitchNetwork Name { get; }</c> property.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
    public sealed class CrossStitchAttribute : Attribute
    {
        /// <summary>Widths of every tower's layers (at least one); a mixing follows each, and the heads read the last width.</summary>
        public int[] Hidden { get; set; } = new int[0];

        /// <summary>Activation after each linear layer.</summary>
        public Activation Activation { get; set; } = Activation.ReLU;

        /// <summary>Dropout probability after each activation, in [0, 1).</summary>
        public double Dropout { get; set; }

        /// <summary>Whether a layer norm follows each linear layer.</summary>
        public bool LayerNorm { get; set; }

        /// <summary>
        /// Initial weight of a task's own tower in each mixing, in (0, 1]; the other towers share the rest equally. 1 starts
        /// with independent towers.
        /// </summary>
        public double SelfWeight { get; set; } = 0.9;

        /// <summary>Weight decay for the towers' and mixings' parameters; unset means the trainer's default.</summary>
        public double WeightDecay { get; set; }
    }
}
