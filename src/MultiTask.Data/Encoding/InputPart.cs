using static TorchSharp.torch;

namespace MultiTask.Data.Encoding
{
    /// <summary>One of a model's inputs as the reader keeps it: the one input vector of a <see cref="ColumnMap"/>, or one field.</summary>
    internal abstract class InputPart
    {
        protected InputPart(string name) => Name = name;

        /// <summary>The input's name: the field's, or <c>Features</c>.</summary>
        public string Name { get; }

        /// <summary>The input tensor of <paramref name="store"/>'s rows, prepared by <paramref name="preparation"/> (standardized unless <paramref name="standardized"/>).</summary>
        public abstract Tensor ToTensor(RowStore store, DataPreparation preparation, bool standardized);
    }
}
