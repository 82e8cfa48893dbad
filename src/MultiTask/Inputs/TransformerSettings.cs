using System;

namespace MultiTask
{
    /// <summary>The checks of a <see cref="TextEncoder"/>'s Transformer settings, each naming the field.</summary>
    internal static class TransformerSettings
    {
        public static void Check(TokenSequenceField field, int layers, int heads, int feedForward, double dropout)
        {
            if (layers <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(layers), layers, $"Field '{field.Name}': the Transformer needs at least one layer.");
            }

            if (heads <= 0 || field.Width % heads != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(heads), heads, $"Field '{field.Name}': the Transformer's heads must be positive and divide the width {field.Width}.");
            }

            if (feedForward < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(feedForward), feedForward, $"Field '{field.Name}': the feed-forward width must be positive (0 means twice the width).");
            }

            if (dropout < 0 || dropout >= 1)
            {
                throw new ArgumentOutOfRangeException(nameof(dropout), dropout, $"Field '{field.Name}': dropout must be in [0, 1).");
            }
        }
    }
}
