using MultiTask;

namespace Recommender;

// Click-through (CTR) and conversion (CVR) prediction from 32 impression features, four ways. The conversion label
// exists only for clicked impressions: its target carries a mask.

/// <summary>Shared bottom: one trunk, a tower per task.</summary>
[MultiTaskModel(InputSize = 32)]
public partial class SharedBottomModel
{
    [SharedTrunk(64, 32)] public partial Trunk Bottom { get; }

    [BinaryHead(Hidden = new[] { 16 })] public partial Head Click { get; }
    [BinaryHead(Hidden = new[] { 16 })] public partial Head Conversion { get; }
}

/// <summary>MMoE: six experts shared by both tasks, one softmax gate per task.</summary>
[MultiTaskModel(InputSize = 32)]
public partial class MmoeModel
{
    [MixtureOfExperts(Experts = 6, Hidden = new[] { 32 })] public partial MixtureOfExperts Experts { get; }

    [BinaryHead(Hidden = new[] { 16 })] public partial Head Click { get; }
    [BinaryHead(Hidden = new[] { 16 })] public partial Head Conversion { get; }
}

/// <summary>PLE: two levels of two shared experts and two experts of each task's own.</summary>
[MultiTaskModel(InputSize = 32)]
public partial class PleModel
{
    [ProgressiveLayeredExtraction(SharedExperts = 2, TaskExperts = 2, Hidden = new[] { 32 }, Levels = 2)]
    public partial ProgressiveLayeredExtraction Extraction { get; }

    [BinaryHead(Hidden = new[] { 16 })] public partial Head Click { get; }
    [BinaryHead(Hidden = new[] { 16 })] public partial Head Conversion { get; }
}

/// <summary>
/// ESMM: the shared bottom's layers, trained over the entire impression space: the click head on every impression, the
/// conversion head only through pCTCVR = pCTR * pCVR against "clicked and converted" on every impression.
/// </summary>
[MultiTaskModel(InputSize = 32)]
[Esmm(Click = nameof(Click), Conversion = nameof(Conversion))]
public partial class EsmmModel
{
    [SharedTrunk(64, 32)] public partial Trunk Embedding { get; }

    [BinaryHead(Hidden = new[] { 16 })] public partial Head Click { get; }
    [BinaryHead(Hidden = new[] { 16 })] public partial Head Conversion { get; }
}

/// <summary>
/// MMoE over embeddings: user and item ids (10,000 each) and a context id (8) embedded and concatenated with the 32 dense
/// features (16 + 16 + 4 + 32 = 68 inputs to the experts); the experts and towers of <see cref="MmoeModel"/>.
/// </summary>
[MultiTaskModel]
public partial class EmbeddingMmoeModel
{
    [Categorical(Vocabulary = CategoricalComparison.Users, Width = 16)] public partial CategoricalEmbedding User { get; }
    [Categorical(Vocabulary = CategoricalComparison.Items, Width = 16)] public partial CategoricalEmbedding Item { get; }
    [Categorical(Vocabulary = CategoricalComparison.Contexts, Width = 4)] public partial CategoricalEmbedding Context { get; }
    [Dense(32)] public partial DenseInput Numeric { get; }

    [MixtureOfExperts(Experts = 6, Hidden = new[] { 32 })] public partial MixtureOfExperts Experts { get; }

    [BinaryHead(Hidden = new[] { 16 })] public partial Head Click { get; }
    [BinaryHead(Hidden = new[] { 16 })] public partial Head Conversion { get; }
}

/// <summary>PLE over the same embeddings and dense features: the levels and towers of <see cref="PleModel"/>.</summary>
[MultiTaskModel]
public partial class EmbeddingPleModel
{
    [Categorical(Vocabulary = CategoricalComparison.Users, Width = 16)] public partial CategoricalEmbedding User { get; }
    [Categorical(Vocabulary = CategoricalComparison.Items, Width = 16)] public partial CategoricalEmbedding Item { get; }
    [Categorical(Vocabulary = CategoricalComparison.Contexts, Width = 4)] public partial CategoricalEmbedding Context { get; }
    [Dense(32)] public partial DenseInput Numeric { get; }

    [ProgressiveLayeredExtraction(SharedExperts = 2, TaskExperts = 2, Hidden = new[] { 32 }, Levels = 2)]
    public partial ProgressiveLayeredExtraction Extraction { get; }

    [BinaryHead(Hidden = new[] { 16 })] public partial Head Click { get; }
    [BinaryHead(Hidden = new[] { 16 })] public partial Head Conversion { get; }
}
