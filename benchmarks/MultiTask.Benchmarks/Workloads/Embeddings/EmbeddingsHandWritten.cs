using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask.Benchmarks.Embeddings;

/// <summary>
/// The embeddings workload hand-written: 8 <see cref="Embedding"/> tables of <c>[100,001, 16]</c> (the same reserved last row
/// the DSL's tables have, as padding index) read with the ids as they are (no mapping of unknown ids: the writer knows the
/// data), concatenated to <c>[N, 128]</c>; the experts as one batched weight <c>[8, 128, 64]</c>, both gates in one
/// Linear(128, 16), the mixture as one einsum (as the runtime and <see cref="Mmoe.MmoeBatched"/> compute it); towers 64-32-1.
/// </summary>
internal sealed class EmbeddingsHandWritten : nn.Module<Tensor[], (Tensor Click, Tensor Conversion)>
{
    private readonly ModuleList<Embedding> tables;
    private readonly Parameter expertWeight;
    private readonly Parameter expertBias;
    private readonly Linear gates;
    private readonly Linear tower1;
    private readonly Linear out1;
    private readonly Linear tower2;
    private readonly Linear out2;

    public EmbeddingsHandWritten()
        : base(nameof(EmbeddingsHandWritten))
    {
        const int input = EmbeddingsWorkload.Fields * EmbeddingsWorkload.Width;
        tables = new ModuleList<Embedding>(Enumerable.Range(0, EmbeddingsWorkload.Fields)
            .Select(_ => nn.Embedding(EmbeddingsWorkload.Ids + 1, EmbeddingsWorkload.Width, padding_idx: EmbeddingsWorkload.Ids)).ToArray());
        var bound = 1.0 / System.Math.Sqrt(input);
        using (torch.no_grad())
        {
            expertWeight = new Parameter(torch.empty(8, input, 64).uniform_(-bound, bound));
            expertBias = new Parameter(torch.empty(8, 64).uniform_(-bound, bound));
        }

        gates = nn.Linear(input, 16);
        tower1 = nn.Linear(64, 32);
        out1 = nn.Linear(32, 1);
        tower2 = nn.Linear(64, 32);
        out2 = nn.Linear(32, 1);
        RegisterComponents();
    }

    /// <param name="ids">One int64 <c>[N]</c> per field (the generated model's <c>Features</c> hold the same tensors).</param>
    public override (Tensor Click, Tensor Conversion) forward(Tensor[] ids)
    {
        var input = torch.cat(tables.Select((table, f) => table.forward(ids[f])).ToArray(), 1);              // [N, 128]
        var expertOutputs = nn.functional.relu(torch.matmul(input, expertWeight) + expertBias.unsqueeze(1));   // [8, N, 64]
        var weights = gates.forward(input).view(input.shape[0], 2, 8).softmax(-1);                            // [N, 2, 8]
        var mixtures = torch.einsum("nke,enh->knh", weights, expertOutputs);                                    // [2, N, 64]
        return (
            out1.forward(nn.functional.relu(tower1.forward(mixtures[0]))).squeeze(-1),
            out2.forward(nn.functional.relu(tower2.forward(mixtures[1]))).squeeze(-1));
    }

    /// <summary>Binary cross-entropy with logits per task, mean-reduced and summed (the DSL model's total with weights 1).</summary>
    public static Tensor Loss((Tensor Click, Tensor Conversion) output, Tensor click, Tensor conversion)
        => nn.functional.binary_cross_entropy_with_logits(output.Click, click) + nn.functional.binary_cross_entropy_with_logits(output.Conversion, conversion);
}
