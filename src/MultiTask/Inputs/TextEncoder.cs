using System;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// The encoder of a <see cref="TokenSequenceField"/>, float32 <c>[N, field.Width]</c>. Token embeddings (field <c>tokens</c>,
    /// <c>[vocabulary + 1, width]</c>: padding id 0's row zero and never trained; the last row, zero, read by ids outside the
    /// vocabulary at prediction) averaged over the non-padding positions; for <see cref="TextEncoding.Transformer"/>, first
    /// plus learned position embeddings (field <c>positions</c>, <c>[length, width]</c>) through TorchSharp's
    /// <c>TransformerEncoder</c> (field <c>encoder</c>) with the padding mask. A row of padding only gives zeros.
    /// </summary>
    public sealed class TextEncoder : nn.Module<Tensor, Tensor>
    {
        private readonly Embedding tokens;
        private readonly Embedding? positions;
        private readonly TransformerEncoder? encoder;

        /// <summary>Builds the encoder.</summary>
        /// <param name="field">The token-sequence field it reads.</param>
        /// <param name="encoding">Mean pooling of the embeddings, or a Transformer encoder first.</param>
        /// <param name="layers">The Transformer's layers; positive (unused for mean pooling).</param>
        /// <param name="heads">The Transformer's attention heads; positive, dividing the width (unused for mean pooling).</param>
        /// <param name="feedForward">The width of the Transformer's feed-forward layers; 0 means twice the width.</param>
        /// <param name="dropout">The Transformer's dropout probability, in [0, 1).</param>
        public TextEncoder(TokenSequenceField field, TextEncoding encoding, int layers, int heads, int feedForward, double dropout)
            : base(nameof(TextEncoder))
        {
            ArgumentNullException.ThrowIfNull(field);
            Field = field;
            Encoding = encoding;
            tokens = nn.Embedding(field.Vocabulary + 1, field.Width, padding_idx: 0);
            using (torch.no_grad())
            {
                using var unknown = tokens.weight![field.Vocabulary];
                unknown.zero_();
            }

            if (encoding == TextEncoding.Transformer)
            {
                TransformerSettings.Check(field, layers, heads, feedForward, dropout);
                positions = nn.Embedding(field.Length, field.Width);
                var layer = nn.TransformerEncoderLayer(field.Width, heads, feedForward == 0 ? 2 * field.Width : feedForward, dropout);
                encoder = nn.TransformerEncoder(layer, layers);
            }

            RegisterComponents();
        }

        /// <summary>The field it reads.</summary>
        public TokenSequenceField Field { get; }

        /// <summary>Mean pooling or a Transformer.</summary>
        public TextEncoding Encoding { get; }

        /// <summary>Encodes int64 token ids <c>[N, Length]</c>; an id outside <c>[0, Vocabulary)</c> reads the reserved zero row.</summary>
        public override Tensor forward(Tensor ids)
        {
            Field.Check(ids, string.Empty);
            using var scope = torch.NewDisposeScope();
            var known = ids.ge(0).logical_and_(ids.lt(Field.Vocabulary));
            var rows = ids.where(known, Field.Vocabulary);
            var present = ids.ne(0);
            var embedded = tokens.forward(rows);
            var states = encoder is null ? embedded : Transform(embedded, present);
            return MaskedMean(states, present).MoveToOuterDisposeScope();
        }

        private Tensor Transform(Tensor embedded, Tensor present)
        {
            var placed = embedded + positions!.weight!;

            // A row with no token would attend to nothing (softmax over -inf: NaN); let it attend to its padding, which the
            // pooling then leaves out anyway.
            var empty = present.any(1, keepdim: true).logical_not_();
            var ignored = present.logical_not().logical_and_(empty.logical_not());

            // libtorch's C++ TransformerEncoder reads [sequence, batch, width].
            var sequenceFirst = placed.transpose(0, 1);
            return encoder!.forward(sequenceFirst, null, ignored).transpose(0, 1);
        }

        private static Tensor MaskedMean(Tensor states, Tensor present)
        {
            var weights = present.unsqueeze(-1).to(states.dtype);
            var counts = weights.sum(1).clamp_min(1);
            return (states * weights).sum(1) / counts;
        }
    }
}
