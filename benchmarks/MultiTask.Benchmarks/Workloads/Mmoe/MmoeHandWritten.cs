using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask.Benchmarks.Mmoe;

/// <summary>
/// The mmoe workload as naive idiomatic TorchSharp: one <see cref="Linear"/> per expert (8 x Linear(100, 64), ReLU),
/// one gate Linear(100, 8) + softmax per task, the weighted sum of the stacked expert outputs, towers 64-32-1.
/// </summary>
internal sealed class MmoeNaive : nn.Module<Tensor, (Tensor First, Tensor Second)>
{
    private readonly ModuleList<Linear> experts;
    private readonly Linear gate1;
    private readonly Linear gate2;
    private readonly Linear tower1;
    private readonly Linear out1;
    private readonly Linear tower2;
    private readonly Linear out2;

    public MmoeNaive()
        : base(nameof(MmoeNaive))
    {
        experts = new ModuleList<Linear>(Enumerable.Range(0, 8).Select(_ => nn.Linear(100, 64)).ToArray());
        gate1 = nn.Linear(100, 8);
        gate2 = nn.Linear(100, 8);
        tower1 = nn.Linear(64, 32);
        out1 = nn.Linear(32, 1);
        tower2 = nn.Linear(64, 32);
        out2 = nn.Linear(32, 1);
        RegisterComponents();
    }

    public override (Tensor First, Tensor Second) forward(Tensor input)
    {
        var expertOutputs = torch.stack(experts.Select(e => nn.functional.relu(e.forward(input))), 1); // [N, 8, 64]
        var mix1 = (nn.functional.softmax(gate1.forward(input), -1).unsqueeze(-1) * expertOutputs).sum(1);
        var mix2 = (nn.functional.softmax(gate2.forward(input), -1).unsqueeze(-1) * expertOutputs).sum(1);
        return (
            out1.forward(nn.functional.relu(tower1.forward(mix1))).squeeze(-1),
            out2.forward(nn.functional.relu(tower2.forward(mix2))).squeeze(-1));
    }

    /// <summary>MSE per task, summed (the DSL model's total with weights 1).</summary>
    public static Tensor Loss((Tensor First, Tensor Second) output, Tensor first, Tensor second)
        => nn.functional.mse_loss(output.First, first) + nn.functional.mse_loss(output.Second, second);
}

/// <summary>
/// The mmoe workload hand-written the way the runtime computes it: all experts in one weight <c>[8, 100, 64]</c> (one
/// batched matrix product), both gates in one Linear(100, 16) viewed as <c>[N, 2, 8]</c>, the mixture as one einsum.
/// </summary>
internal sealed class MmoeBatched : nn.Module<Tensor, (Tensor First, Tensor Second)>
{
    private readonly Parameter expertWeight;
    private readonly Parameter expertBias;
    private readonly Linear gates;
    private readonly Linear tower1;
    private readonly Linear out1;
    private readonly Linear tower2;
    private readonly Linear out2;

    public MmoeBatched()
        : base(nameof(MmoeBatched))
    {
        var bound = 1.0 / System.Math.Sqrt(100);
        using (torch.no_grad())
        {
            expertWeight = new Parameter(torch.empty(8, 100, 64).uniform_(-bound, bound));
            expertBias = new Parameter(torch.empty(8, 64).uniform_(-bound, bound));
        }

        gates = nn.Linear(100, 16);
        tower1 = nn.Linear(64, 32);
        out1 = nn.Linear(32, 1);
        tower2 = nn.Linear(64, 32);
        out2 = nn.Linear(32, 1);
        RegisterComponents();
    }

    public override (Tensor First, Tensor Second) forward(Tensor input)
    {
        var expertOutputs = nn.functional.relu(torch.matmul(input, expertWeight) + expertBias.unsqueeze(1)); // [8, N, 64]
        var weights = gates.forward(input).view(input.shape[0], 2, 8).softmax(-1);                          // [N, 2, 8]
        var mixtures = torch.einsum("nke,enh->knh", weights, expertOutputs);                                  // [2, N, 64]
        return (
            out1.forward(nn.functional.relu(tower1.forward(mixtures[0]))).squeeze(-1),
            out2.forward(nn.functional.relu(tower2.forward(mixtures[1]))).squeeze(-1));
    }
}
