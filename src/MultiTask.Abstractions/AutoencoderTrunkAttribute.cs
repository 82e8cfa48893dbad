using System;

namespace MultiTask
{
    /// <summary>
    /// Feature-based sharing: a shared encoder to a latent code, trained with a reconstruction loss beside the task
    /// losses by a mirrored decoder; every head reads the latent code. Put it on a
    /// <c>public partial AutoencoderTrunk Name { get; }</c> property.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
    public sealed class AutoencoderTrunkAttribute : Attribute
    {
        /// <param name="latent">Width of the latent code the heads read.</param>
        /// <param name="hidden">Widths of the encoder's hidden layers before the code, input side first.</param>
        public AutoencoderTrunkAttribute(int latent, params int[] hidden)
        {
            Latent = latent;
            Hidden = hidden;
        }

        /// <summary>For the named form, <c>[AutoencoderTrunk(Latent = 8, Hidden = new[] { 32 })]</c>.</summary>
        public AutoencoderTrunkAttribute()
        {
            Hidden = new int[0];
        }

        /// <summary>Width of the latent code.</summary>
        public int Latent { get; set; }

        /// <summary>Widths of the encoder's hidden layers (the decoder mirrors them).</summary>
        public int[] Hidden { get; set; }

        /// <summary>Activation after every hidden layer and after the code.</summary>
        public Activation Activation { get; set; } = Activation.ReLU;

        /// <summary>Dropout probability after every encoder layer, in [0, 1).</summary>
        public double Dropout { get; set; }

        /// <summary>Weight of the reconstruction loss in the total loss. Default 1.</summary>
        public double ReconstructionWeight { get; set; } = 1.0;

        /// <summary>Weight decay for the autoencoder's parameters; unset means the trainer's default.</summary>
        public double WeightDecay { get; set; }
    }
}
