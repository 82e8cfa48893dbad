using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// One declared input field of a model (<c>[Dense]</c>, <c>[Categorical]</c>, <c>[TokenSequence]</c>, <c>[Image]</c>): what a
    /// batch of it holds, how wide its encoding is, and the checks of its values. The generated model keeps one per field,
    /// as it keeps one <see cref="TaskDefinition"/> per task; its encoder module reads the field's tensor.
    /// </summary>
    public abstract class InputField
    {
        /// <summary>Called by the field kinds.</summary>
        protected InputField(string name, long width)
        {
            System.ArgumentException.ThrowIfNullOrEmpty(name);
            Name = name;
            Width = width;
        }

        /// <summary>The field's name (its property's).</summary>
        public string Name { get; }

        /// <summary>The width of the field's encoding: what it adds to the features the trunk reads.</summary>
        public long Width { get; }

        /// <summary>What a batch of the field holds, as docs and messages write it, e.g. <c>int64 [N]</c> or <c>float32 [N, 13]</c>.</summary>
        public abstract string Shape { get; }

        /// <summary>
        /// A data set's values of the field checked against <paramref name="rows"/> rows: the count, the shape, the dtype (converted
        /// where lossless) and the values (ids in range), every error naming <paramref name="model"/>, the field and the data set's row.
        /// </summary>
        public abstract Tensor CheckDataSet(Tensor values, long rows, string model);

        /// <summary>Values given to <c>forward</c> or <c>Predict</c> checked for shape only (no device sync); ids out of range are allowed.</summary>
        public abstract void Check(Tensor values, string model);
    }
}
