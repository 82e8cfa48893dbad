using System.Linq;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.IntegrationTests;

public class ExpertsTests
{
    [Fact]
    public void Each_tasks_gate_weights_sum_to_one_per_row()
    {
        manual_seed(1);
        using var model = new ThreeExpertsModel();
        var (x, _, _) = SharingData.TwoTargets(rows: 10, width: 4, seed: 1);

        var gates = model.Experts.GateWeights(x);

        Assert.Equal(2, gates.Length);
        foreach (var gate in gates)
        {
            Assert.Equal([10L, 3L], gate.shape);
            Assert.All(gate.sum(-1).data<float>().ToArray(), total => Assert.Equal(1f, total, 5));
            Assert.True(gate.min().item<float>() > 0);
        }
    }

    [Fact]
    public void With_one_expert_mmoe_equals_a_shared_bottom_with_the_same_weights()
    {
        manual_seed(2);
        using var mmoe = new OneExpertModel();
        using var bottom = new SharedBottomModel();
        var (x, _, _) = SharingData.TwoTargets(rows: 12, width: 4, seed: 2);

        var experts = mmoe.state_dict();
        using (no_grad())
        {
            foreach (var (name, parameter) in bottom.named_parameters())
            {
                var source = name switch
                {
                    "bottom.layers.0.weight" => experts["experts.experts.weights.0"][0].t(),   // [E, in, out] -> [out, in]
                    "bottom.layers.0.bias" => experts["experts.experts.biases.0"][0],
                    _ => experts[name],
                };
                parameter.copy_(source);
            }
        }

        var fromMmoe = mmoe.forward(x);
        var fromBottom = bottom.forward(x);

        Assert.True(fromMmoe.A.allclose(fromBottom.A, rtol: 1e-5, atol: 1e-6));
        Assert.True(fromMmoe.B.allclose(fromBottom.B, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void Ple_trains_on_two_tasks()
    {
        manual_seed(3);
        using var model = new TwoLevelPleModel();
        var (x, y1, y2) = SharingData.TwoTargets(rows: 256, width: 4, seed: 3);

        var history = model.CreateTrainer(new TwoLevelPleModel.TrainingOptions { Epochs = 20, LearningRate = 1e-2 })
            .Fit(TwoLevelPleModel.Batch.From(x, new TwoLevelPleModel.Targets(y1, y2), batchSize: 32, shuffle: true, seed: 1));

        Assert.True(history[^1].Train.A.Loss < 0.2 * history[0].Train.A.Loss, $"A: {history[0].Train.A.Loss} -> {history[^1].Train.A.Loss}");
        Assert.True(history[^1].Train.B.Loss < 0.2 * history[0].Train.B.Loss, $"B: {history[0].Train.B.Loss} -> {history[^1].Train.B.Loss}");
        var gates = model.Extraction.GateWeights(x);
        Assert.Equal(2, gates.Length);
    }
}
