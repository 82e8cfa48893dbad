using MultiTask;

namespace Language;

/// <summary>Topic (4 classes) and sentiment of a sentence from its token embeddings averaged over the non-padding positions: a bag of words.</summary>
[MultiTaskModel]
public partial class MeanPoolingText
{
    [TokenSequence(Vocabulary = SyntheticCorpus.VocabularySize, Length = 16, Width = 32)]
    public partial TextEncoder Sentence { get; }

    [SharedTrunk(32)] public partial Trunk Shared { get; }

    [ClassificationHead(Classes = 4)] public partial Head Topic { get; }
    [BinaryHead] public partial Head Positive { get; }
}

/// <summary>The same tasks through a two-layer Transformer encoder (token and position embeddings, 4 heads), then masked mean pooling.</summary>
[MultiTaskModel]
public partial class TransformerText
{
    [TokenSequence(Vocabulary = SyntheticCorpus.VocabularySize, Length = 16, Width = 32, Encoder = TextEncoding.Transformer, Layers = 2, Heads = 4)]
    public partial TextEncoder Sentence { get; }

    [SharedTrunk(32)] public partial Trunk Shared { get; }

    [ClassificationHead(Classes = 4)] public partial Head Topic { get; }
    [BinaryHead] public partial Head Positive { get; }
}
