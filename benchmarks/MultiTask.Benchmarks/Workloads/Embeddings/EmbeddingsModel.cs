using MultiTask;

namespace MultiTask.Benchmarks.Embeddings;

/// <summary>
/// The embeddings workload declared with the DSL: 8 categorical fields of 100,000 ids embedded 16 wide (128 features), MMoE
/// of 8 experts of one 64-unit ReLU layer with a softmax gate per task, two binary towers 64-32-1.
/// </summary>
[MultiTaskModel]
public partial class EmbeddingsModel
{
    [Categorical(Vocabulary = EmbeddingsWorkload.Ids, Width = EmbeddingsWorkload.Width)] public partial CategoricalEmbedding Field1 { get; }
    [Categorical(Vocabulary = EmbeddingsWorkload.Ids, Width = EmbeddingsWorkload.Width)] public partial CategoricalEmbedding Field2 { get; }
    [Categorical(Vocabulary = EmbeddingsWorkload.Ids, Width = EmbeddingsWorkload.Width)] public partial CategoricalEmbedding Field3 { get; }
    [Categorical(Vocabulary = EmbeddingsWorkload.Ids, Width = EmbeddingsWorkload.Width)] public partial CategoricalEmbedding Field4 { get; }
    [Categorical(Vocabulary = EmbeddingsWorkload.Ids, Width = EmbeddingsWorkload.Width)] public partial CategoricalEmbedding Field5 { get; }
    [Categorical(Vocabulary = EmbeddingsWorkload.Ids, Width = EmbeddingsWorkload.Width)] public partial CategoricalEmbedding Field6 { get; }
    [Categorical(Vocabulary = EmbeddingsWorkload.Ids, Width = EmbeddingsWorkload.Width)] public partial CategoricalEmbedding Field7 { get; }
    [Categorical(Vocabulary = EmbeddingsWorkload.Ids, Width = EmbeddingsWorkload.Width)] public partial CategoricalEmbedding Field8 { get; }

    [MixtureOfExperts(Experts = 8, Hidden = new[] { 64 })]
    public partial MixtureOfExperts Experts { get; }

    [BinaryHead(Hidden = new[] { 32 })]
    public partial Head Click { get; }

    [BinaryHead(Hidden = new[] { 32 })]
    public partial Head Conversion { get; }
}
