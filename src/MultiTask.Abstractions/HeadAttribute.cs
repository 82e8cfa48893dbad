using System;

namespace MultiTask
{
    /// <summary>
    /// What every task head has: an optional tower of hidden layers, a loss weight, and optimizer settings of its own.
    /// Put a head attribute on a <c>public partial Head Name { get; }</c> property; the property's name is the task's name.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
    public abstract class HeadAttribute : Attribute
    {
        /// <summary>Widths of the head's own hidden layers (its tower) before the output layer; empty for none.</summary>
        public int[] Hidden { get; set; } = new int[0];

        /// <summary>Activation of the tower's hidden layers.</summary>
        public Activation Activation { get; set; } = Activation.ReLU;

        /// <summary>Weight of this task's loss in the total loss, <c>L = sum_i w_i L_i</c>. Default 1.</summary>
        public double Weight { get; set; } = 1.0;

        /// <summary>Learning rate of this head's parameters; unset means the trainer's learning rate.</summary>
        public double LearningRate { get; set; }

        /// <summary>Weight decay of this head's parameters; unset means the trainer's weight decay.</summary>
        public double WeightDecay { get; set; }

        /// <summary>
        /// A head of your own instead of the MLP head: a non-abstract class deriving from <c>nn.Module&lt;Tensor, Tensor&gt;</c>
        /// with a public constructor <c>(int inputSize, int outputSize)</c> or a public parameterless one. Its output must have
        /// the task's shape (<c>[N]</c> for a binary or single-value task, <c>[N, k]</c> otherwise).
        /// </summary>
        public Type? Module { get; set; }
    }
}
