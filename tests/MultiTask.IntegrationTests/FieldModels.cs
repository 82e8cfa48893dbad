using MultiTask;

namespace MultiTask.IntegrationTests;

/// <summary>Input fields on a shared trunk: a vocabulary, a hashed item, recent items in the item table, dense features.</summary>
[MultiTaskModel]
public partial class FieldCtrModel
{
    [Categorical(Vocabulary = 20, Width = 4)]
    public partial CategoricalEmbedding User { get; }

    [Categorical(HashBuckets = 32, Width = 4)]
    public partial CategoricalEmbedding Item { get; }

    [Categorical(SharesTableWith = nameof(Item), Values = 3, Pooling = Pooling.Mean)]
    public partial CategoricalEmbedding Recent { get; }

    [Dense(3)]
    public partial DenseInput Numeric { get; }

    [SharedTrunk(16)]
    public partial Trunk Body { get; }

    [BinaryHead]
    public partial Head Click { get; }

    [RegressionHead]
    public partial Head Spend { get; }
}

/// <summary>Categorical fields read by the heads directly (no shared component but the embeddings).</summary>
[MultiTaskModel]
public partial class FieldHeadsModel
{
    [Categorical(Vocabulary = 6, Width = 3, Values = 2, Pooling = Pooling.Max)]
    public partial CategoricalEmbedding Tags { get; }

    [BinaryHead(Hidden = new[] { 4 })]
    public partial Head First { get; }

    [BinaryHead(Hidden = new[] { 4 })]
    public partial Head Second { get; }
}

/// <summary>A Transformer text field and an image field on a shared trunk.</summary>
[MultiTaskModel]
public partial class TextImageFieldModel
{
    [TokenSequence(Vocabulary = 12, Length = 5, Width = 8, Encoder = TextEncoding.Transformer, Layers = 1, Heads = 2)]
    public partial TextEncoder Title { get; }

    [Image(1, 4, 4, Convolutions = new[] { 3 })]
    public partial ConvolutionalTrunk Pixels { get; }

    [SharedTrunk(16)]
    public partial Trunk Body { get; }

    [ClassificationHead(Classes = 3)]
    public partial Head Topic { get; }

    [BinaryHead]
    public partial Head Bright { get; }
}

/// <summary>An autoencoder over two dense fields: its reconstruction target is their concatenation.</summary>
[MultiTaskModel]
public partial class DenseFieldsAutoencoderModel
{
    [Dense(3)]
    public partial DenseInput Left { get; }

    [Dense(2)]
    public partial DenseInput Right { get; }

    [AutoencoderTrunk(2, 8)]
    public partial AutoencoderTrunk Code { get; }

    [RegressionHead]
    public partial Head Sum { get; }

    [BinaryHead]
    public partial Head Positive { get; }
}
