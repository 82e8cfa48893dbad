using System;

namespace MultiTask
{
    /// <summary>
    /// Multi-gate mixture of experts (MMoE, Ma et al. 2018): <see cref="Experts"/> expert networks shared by all tasks,
    /// and one softmax gate per task that mixes them, <c>f^k(x) = sum_i softmax(W_k x)_i e_i(x)</c>; head k reads
    /// <c>f^k(x)</c>. Put it on a <c>public partial MixtureOfExperts Name { get; }</c> property.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
    public sealed class MixtureOfExpertsAttribute : Attribute
    {
        /// <summary>Number of experts, at least 1.</summary>
        public int Experts { get; set; }

        /// <summary>Widths of every expert's layers; the last width is what the heads read.</summary>
        public int[] Hidden { get; set; } = new int[0];

        /// <summary>Activation after every expert layer.</summary>
        public Activation Activation { get; set; } = Activation.ReLU;

        /// <summary>Weight decay for the experts' and gates' parameters; unset means the trainer's default.</summary>
        public double WeightDecay { get; set; }
    }
}
