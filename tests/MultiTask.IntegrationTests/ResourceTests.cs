using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using Xunit;

namespace MultiTask.IntegrationTests;

public class ResourceTests
{
    private sealed class Recorder<T>(Action<T> onReport) : IProgress<T>
    {
        public void Report(T value) => onReport(value);
    }

    [Fact]
    public void The_live_tensor_count_stays_flat_across_200_steps()
    {
        using var model = TestData.NewTwoTaskModel(seed: 1);
        var (input, targets) = TestData.TwoTask(rows: 320, seed: 2);
        var liveAtStep = new Dictionary<long, long>();
        var trainer = model.CreateTrainer(new TwoTaskModel.TrainingOptions
        {
            Epochs = 20,
            StepProgressInterval = 10,
            StepProgress = new Recorder<StepProgress>(step => liveAtStep[step.Step] = DisposeScopeManager.Statistics.ThreadTotalLiveCount),
        });

        trainer.Fit(TwoTaskModel.Batch.From(input, targets, batchSize: 32, shuffle: true, seed: 3));

        Assert.Equal(200, liveAtStep.Keys.Max());
        // Within one epoch the metric accumulators grow; compare the same position in two epochs.
        Assert.Equal(liveAtStep[20], liveAtStep[200]);
        Assert.Equal(liveAtStep[110], liveAtStep[200]);
    }
}
