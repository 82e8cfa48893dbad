using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask.Benchmarks.Hps;

/// <summary>The hps workload as idiomatic hand-written TorchSharp: fields, RegisterComponents, functional ReLU.</summary>
internal sealed class HpsHandWritten : nn.Module<Tensor, (Tensor Digit, Tensor Flag)>
{
    private readonly Linear fc1;
    private readonly Linear fc2;
    private readonly Linear digit;
    private readonly Linear flag;

    public HpsHandWritten()
        : base(nameof(HpsHandWritten))
    {
        fc1 = nn.Linear(784, 512);
        fc2 = nn.Linear(512, 256);
        digit = nn.Linear(256, 10);
        flag = nn.Linear(256, 1);
        RegisterComponents();
    }

    public override (Tensor Digit, Tensor Flag) forward(Tensor input)
    {
        var hidden = nn.functional.relu(fc2.forward(nn.functional.relu(fc1.forward(input))));
        return (digit.forward(hidden), flag.forward(hidden).squeeze(-1));
    }

    /// <summary>Cross-entropy plus binary cross-entropy with logits, both mean-reduced (the DSL model's total with weights 1).</summary>
    public static Tensor Loss((Tensor Digit, Tensor Flag) output, Tensor digitLabels, Tensor flagLabels)
        => nn.functional.cross_entropy(output.Digit, digitLabels) + nn.functional.binary_cross_entropy_with_logits(output.Flag, flagLabels);
}
