using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask.Benchmarks.Soft;

/// <summary>
/// The soft workload as idiomatic hand-written TorchSharp: three towers 64-128-128-1 as fields; the penalty
/// <c>lambda * sum_i ||theta_i - theta_mean||^2</c> over the corresponding hidden-layer parameters (the two hidden
/// Linears' weights and biases, what the generated model's penalty over <c>Head.Tower</c> covers; not the output layers).
/// </summary>
internal sealed class SoftHandWritten : nn.Module<Tensor, (Tensor First, Tensor Second, Tensor Third)>
{
    private const double Lambda = 1e-3;

    private readonly Linear first1;
    private readonly Linear first2;
    private readonly Linear firstOut;
    private readonly Linear second1;
    private readonly Linear second2;
    private readonly Linear secondOut;
    private readonly Linear third1;
    private readonly Linear third2;
    private readonly Linear thirdOut;

    public SoftHandWritten()
        : base(nameof(SoftHandWritten))
    {
        // Same construction order as the generated model (per tower: hidden, hidden, output), so one seed gives the same weights.
        first1 = nn.Linear(64, 128);
        first2 = nn.Linear(128, 128);
        firstOut = nn.Linear(128, 1);
        second1 = nn.Linear(64, 128);
        second2 = nn.Linear(128, 128);
        secondOut = nn.Linear(128, 1);
        third1 = nn.Linear(64, 128);
        third2 = nn.Linear(128, 128);
        thirdOut = nn.Linear(128, 1);
        RegisterComponents();
    }

    public override (Tensor First, Tensor Second, Tensor Third) forward(Tensor input)
        => (Tower(input, first1, first2, firstOut), Tower(input, second1, second2, secondOut), Tower(input, third1, third2, thirdOut));

    /// <summary>lambda * sum over the hidden layers' weights and biases of sum_i ||theta_i - mean_j theta_j||^2.</summary>
    public Tensor Penalty()
    {
        var total = Distance(first1.weight!, second1.weight!, third1.weight!)
            + Distance(first1.bias!, second1.bias!, third1.bias!)
            + Distance(first2.weight!, second2.weight!, third2.weight!)
            + Distance(first2.bias!, second2.bias!, third2.bias!);
        return total.mul(LambdaScalar);
    }

    /// <summary>MSE per task, summed, plus the penalty (the DSL model's total with weights 1).</summary>
    public Tensor Loss((Tensor First, Tensor Second, Tensor Third) output, Tensor first, Tensor second, Tensor third)
        => nn.functional.mse_loss(output.First, first) + nn.functional.mse_loss(output.Second, second) + nn.functional.mse_loss(output.Third, third) + Penalty();

    private static readonly Scalar LambdaScalar = Lambda.ToScalar();

    private static Tensor Tower(Tensor input, Linear hidden1, Linear hidden2, Linear output)
        => output.forward(nn.functional.relu(hidden2.forward(nn.functional.relu(hidden1.forward(input))))).squeeze(-1);

    private static Tensor Distance(params Tensor[] parameters)
    {
        var stacked = torch.stack(parameters);
        return (stacked - stacked.mean([0], keepdim: true)).square().sum();
    }
}
