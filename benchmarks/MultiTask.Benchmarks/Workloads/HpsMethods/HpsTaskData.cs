using System.Linq;
using static TorchSharp.torch;

namespace MultiTask.Benchmarks.HpsMethods;

/// <summary>One batch of the hps method workloads' tasks: the input and four targets, of which a model reads the ones it has heads for.</summary>
internal sealed record HpsTaskBatch(Tensor Input, Tensor Digit, Tensor Even, Tensor Large, Tensor Score);

/// <summary>
/// The hps method workloads' synthetic data: random inputs; the digit is the argmax of a fixed random projection, whether it is
/// even and whether it is at least 5 follow from it, and its score is the largest projection over 30.
/// </summary>
internal static class HpsTaskData
{
    public const int InputSize = 784;

    public static HpsTaskBatch[] Make(int batchSize, int batches)
    {
        using var scope = NewDisposeScope();
        manual_seed(0);
        var input = randn((long)batchSize * batches, InputSize);
        var scores = input.matmul(randn(InputSize, 10));
        var digits = scores.argmax(1);
        var even = digits.remainder(2).eq(0).to(ScalarType.Float32);
        var large = digits.ge(5).to(ScalarType.Float32);
        var score = scores.amax(1).div(30);
        Tensor Slice(Tensor all, int batch) => all.narrow(0, (long)batch * batchSize, batchSize).contiguous().DetachFromDisposeScope();
        return
        [
            .. Enumerable.Range(0, batches).Select(b => new HpsTaskBatch(Slice(input, b), Slice(digits, b), Slice(even, b), Slice(large, b), Slice(score, b))),
        ];
    }
}
