namespace MultiTask.IntegrationTests.Samples;

// Small versions of the models of samples/Recommender, samples/Vision and samples/Language.

/// <summary>samples/Recommender's MMoE over embeddings, small: user, item and context ids beside the dense features.</summary>
[MultiTaskModel]
public partial class SmallEmbeddingMmoe
{
    [Categorical(Vocabulary = 300, Width = 8)] public partial CategoricalEmbedding User { get; }
    [Categorical(Vocabulary = 300, Width = 8)] public partial CategoricalEmbedding Item { get; }
    [Categorical(Vocabulary = 4, Width = 2)] public partial CategoricalEmbedding Context { get; }
    [Dense(8)] public partial DenseInput Numeric { get; }

    [MixtureOfExperts(Experts = 3, Hidden = new[] { 16 })] public partial MixtureOfExperts Experts { get; }

    [BinaryHead] public partial Head Click { get; }
    [BinaryHead] public partial Head Conversion { get; }
}

/// <summary>The same MMoE on the dense features alone.</summary>
[MultiTaskModel(InputSize = 8)]
public partial class SmallDenseMmoe
{
    [MixtureOfExperts(Experts = 3, Hidden = new[] { 16 })] public partial MixtureOfExperts Experts { get; }

    [BinaryHead] public partial Head Click { get; }
    [BinaryHead] public partial Head Conversion { get; }
}

/// <summary>samples/Vision's convolutional digits model.</summary>
[MultiTaskModel]
public partial class SmallConvolutionalDigits
{
    [Image(1, 8, 8, Convolutions = new[] { 8, 16 })] public partial ConvolutionalTrunk Pixels { get; }

    [SharedTrunk(32)] public partial Trunk Shared { get; }

    [ClassificationHead(Classes = 10)] public partial Head Digit { get; }
    [BinaryHead] public partial Head IsEven { get; }
}

/// <summary>samples/Language's Transformer model.</summary>
[MultiTaskModel]
public partial class SmallTransformerText
{
    [TokenSequence(Vocabulary = SyntheticCorpus.VocabularySize, Length = 16, Width = 32, Encoder = TextEncoding.Transformer, Layers = 2, Heads = 4)]
    public partial TextEncoder Sentence { get; }

    [SharedTrunk(16)] public partial Trunk Shared { get; }

    [ClassificationHead(Classes = 4)] public partial Head Topic { get; }
    [BinaryHead] public partial Head Positive { get; }
}

/// <summary>samples/Language's mean-pooling model.</summary>
[MultiTaskModel]
public partial class SmallMeanPoolingText
{
    [TokenSequence(Vocabulary = SyntheticCorpus.VocabularySize, Length = 16, Width = 16)]
    public partial TextEncoder Sentence { get; }

    [SharedTrunk(16)] public partial Trunk Shared { get; }

    [ClassificationHead(Classes = 4)] public partial Head Topic { get; }
    [BinaryHead] public partial Head Positive { get; }
}
