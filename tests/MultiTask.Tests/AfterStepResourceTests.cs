using System;
using System.Collections.Generic;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.Tests
{
    /// <summary>The methods with a post-step hook (GradNorm's renormalization, FAMO's forward pass and logit update) leave no live tensor behind.</summary>
    [Collection(SerialCollection.Name)]
    public class AfterStepResourceTests
    {
        public static TheoryData<string> Methods { get; } = new() { nameof(GradNorm), nameof(Famo) };

        [Theory]
        [MemberData(nameof(Methods))]
        public void The_live_tensor_count_is_the_same_at_the_same_point_of_every_epoch(string method)
        {
            Func<IReadOnlyList<TaskDefinition>, LossWeighting> create = method == nameof(GradNorm) ? tasks => new GradNorm(tasks) : tasks => new Famo(tasks);
            var data = new TinyData(96, seed: 4);
            torch.manual_seed(1);
            using var net = new TinyNet(weighting: create);
            var counts = new Dictionary<long, long>();
            var steps = new Recorder<StepProgress>(s => counts[s.Step] = DisposeScopeManager.Statistics.ThreadTotalLiveCount);
            var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
            var trainer = new TinyTrainer(net, new TrainingOptions<TinyMetrics> { Epochs = 8, StepProgress = steps, StepProgressInterval = 1 });

            trainer.Fit(data.Batches(16, shuffle: true, seed: 2));

            Assert.Equal(48, counts.Count); // 6 batches x 8 epochs
            Assert.Equal(counts[6], counts[48]);
            // What the trainer holds (the optimizer's state, the task-gradient buffers made on the first step) goes with it.
            trainer.Dispose();
            Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        }
    }
}
