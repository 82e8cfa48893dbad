using System;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// A shared encoder with a decoder for feature-based sharing: the encoder (field <c>encoder</c>, state-dict keys
    /// <c>encoder.0.weight</c>, ...) is <c>Linear -> activation -> [Dropout]</c> per hidden width and once more for the
    /// latent code; the decoder (field <c>decoder</c>) mirrors it, <c>Linear -> activation</c> per hidden width in reverse
    /// order, then a linear output layer back to the input width. <see cref="forward"/> returns the latent code the heads read;
    /// <see cref="ReconstructionLoss"/> is the loss trained beside the task losses.
    /// </summary>
    public sealed class AutoencoderTrunk : nn.Module<Tensor, Tensor>
    {
        private readonly Sequential encoder;
        private readonly Sequential decoder;

        /// <summary>Builds the encoder and the decoder.</summary>
        /// <param name="inputSize">Width of the input (and of the reconstruction).</param>
        /// <param name="hidden">Hidden widths of the encoder, in order (the decoder uses them reversed); may be empty.</param>
        /// <param name="latent">Width of the latent code, <see cref="OutputSize"/>.</param>
        /// <param name="activation">Activation after each hidden layer and after the latent code.</param>
        /// <param name="dropout">Dropout probability after each encoder layer (the code's too); 0 for none.</param>
        public AutoencoderTrunk(int inputSize, int[] hidden, int latent, Activation activation, double dropout = 0)
            : base(nameof(AutoencoderTrunk))
        {
            ArgumentNullException.ThrowIfNull(hidden);
            if (latent <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(latent), latent, "The latent width must be positive.");
            }

            int[] encoderWidths = [.. hidden, latent];
            (encoder, _, _) = HiddenLayers.Build(inputSize, encoderWidths, activation, dropout);
            var reversed = (int[])hidden.Clone();
            Array.Reverse(reversed);
            (decoder, _, var decoderWidth) = HiddenLayers.Build(latent, reversed, activation);
            decoder.append(nn.Linear(decoderWidth, inputSize));
            InputSize = inputSize;
            OutputSize = latent;
            RegisterComponents();
        }

        /// <summary>The encoder: what the tasks share (the decoder serves only the reconstruction).</summary>
        public Sequential Encoder => encoder;

        /// <summary>Width of the input and of the reconstruction.</summary>
        public int InputSize { get; }

        /// <summary>Width of the latent code.</summary>
        public int OutputSize { get; }

        /// <summary>The latent code <c>[N, OutputSize]</c> of <paramref name="input"/> <c>[N, InputSize]</c>.</summary>
        public override Tensor forward(Tensor input) => encoder.forward(input);

        /// <summary>The reconstruction <c>[N, InputSize]</c> of a latent code <c>[N, OutputSize]</c>.</summary>
        public Tensor Decode(Tensor latent) => decoder.forward(latent);

        /// <summary>One pass giving both the latent code (for the heads) and the reconstruction (for <see cref="ReconstructionLoss"/>).</summary>
        public (Tensor Latent, Tensor Reconstruction) EncodeDecode(Tensor input)
        {
            var latent = encoder.forward(input);
            return (latent, decoder.forward(latent));
        }

        /// <summary>The mean squared error between <paramref name="reconstruction"/> and <paramref name="input"/>, a scalar.</summary>
        public Tensor ReconstructionLoss(Tensor input, Tensor reconstruction)
        {
            ArgumentNullException.ThrowIfNull(input);
            ArgumentNullException.ThrowIfNull(reconstruction);
            if (!input.shape.AsSpan().SequenceEqual(reconstruction.shape))
            {
                throw new ArgumentException(
                    $"The reconstruction [{string.Join(", ", reconstruction.shape)}] does not match the input [{string.Join(", ", input.shape)}].",
                    nameof(reconstruction));
            }

            return nn.functional.mse_loss(reconstruction, input);
        }
    }
}
