using MultiTask;

namespace MultiTask.IntegrationTests.Data.Fields;

/// <summary>A generated model of every field kind the reader fills from text: names, hashed names, words, a number and pixels.</summary>
[MultiTaskModel]
public partial class ReaderFieldModel
{
    [Categorical(Vocabulary = 8, Width = 4)]
    public partial CategoricalEmbedding User { get; }

    [Categorical(HashBuckets = 64, Width = 4)]
    public partial CategoricalEmbedding Tag { get; }

    [TokenSequence(Vocabulary = 12, Length = 4, Width = 4)]
    public partial TextEncoder Title { get; }

    [Dense(1)]
    public partial DenseInput Age { get; }

    [Image(1, 2, 2, Convolutions = new[] { 2 })]
    public partial ConvolutionalTrunk Pixels { get; }

    [SharedTrunk(8)]
    public partial Trunk Body { get; }

    [BinaryHead]
    public partial Head Click { get; }

    [BinaryHead]
    public partial Head Liked { get; }
}
