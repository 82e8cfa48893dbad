using System;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>The encoder of a <c>[Dense]</c> field: checks the features' shape and passes them on (no parameters).</summary>
    public sealed class DenseInput : nn.Module<Tensor, Tensor>
    {
        /// <summary>The encoder of <paramref name="field"/>.</summary>
        public DenseInput(DenseField field)
            : base(nameof(DenseInput))
        {
            ArgumentNullException.ThrowIfNull(field);
            Field = field;
        }

        /// <summary>The field it reads.</summary>
        public DenseField Field { get; }

        /// <summary>The float32 <c>[N, size]</c> features themselves.</summary>
        public override Tensor forward(Tensor input)
        {
            Field.Check(input, nameof(DenseInput));
            return input;
        }
    }
}
