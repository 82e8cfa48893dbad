using System;

namespace MultiTask
{
    /// <summary>
    /// Progressive layered extraction (PLE, Tang et al. 2020); with one level it is the customized gate control (CGC):
    /// shared experts plus <see cref="TaskExperts"/> experts of each task's own; each task's gate mixes its own and the
    /// shared experts, level after level. Put it on a <c>public partial ProgressiveLayeredExtraction Name { get; }</c> property.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
    public sealed class ProgressiveLayeredExtractionAttribute : Attribute
    {
        /// <summary>Experts shared by all tasks at each level, at least 1.</summary>
        public int SharedExperts { get; set; }

        /// <summary>Experts of each task's own at each level, zero or more.</summary>
        public int TaskExperts { get; set; }

        /// <summary>Widths of every expert's layers; the last width is what the heads read.</summary>
        public int[] Hidden { get; set; } = new int[0];

        /// <summary>Number of extraction levels; 1 is CGC. Default 1.</summary>
        public int Levels { get; set; } = 1;

        /// <summary>Activation after every expert layer.</summary>
        public Activation Activation { get; set; } = Activation.ReLU;

        /// <summary>Weight decay for the experts' and gates' parameters; unset means the trainer's default.</summary>
        public double WeightDecay { get; set; }
    }
}
