using System.Collections.Generic;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.Tests
{
    /// <summary>No growth of live tensors across a long run, for every optimizer, with and without masks and validation.</summary>
    [Collection(SerialCollection.Name)]
    public class TrainingResourceTests
    {
        [Theory]
        [InlineData(OptimizerKind.Adam, 0.0)]
        [InlineData(OptimizerKind.AdamW, 0.3)]
        [InlineData(OptimizerKind.Sgd, 0.0)]
        public void The_live_tensor_count_is_the_same_at_the_same_point_of_every_epoch(OptimizerKind optimizer, double maskedFraction)
        {
            var data = new TinyData(96, seed: 4, maskedFraction: maskedFraction);
            torch.manual_seed(1);
            using var net = new TinyNet();
            var counts = new Dictionary<long, long>();
            var steps = new Recorder<StepProgress>(s => counts[s.Step] = DisposeScopeManager.Statistics.ThreadTotalLiveCount);
            using var trainer = new TinyTrainer(net, new TrainingOptions<TinyMetrics>
            {
                Epochs = 25,
                Optimizer = optimizer,
                WeightDecay = 1e-3,
                StepProgress = steps,
                StepProgressInterval = 1,
            });
            var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
            trainer.Fit(data.Batches(16, shuffle: true, seed: 2), data.Batches(48));
            var after = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

            Assert.Equal(150, counts.Count); // 6 batches x 25 epochs
            Assert.Equal(counts[6], counts[150]);
            Assert.Equal(counts[13], counts[145]);
            // SGD creates its momentum buffers at the first step; they are the optimizer's state, not a leak.
            Assert.Equal(before + (optimizer == OptimizerKind.Sgd ? 8 : 0), after);
        }

        [Fact]
        public void Evaluation_leaves_no_live_tensor_behind()
        {
            var data = new TinyData(64, seed: 5, maskedFraction: 0.25);
            torch.manual_seed(1);
            using var net = new TinyNet();
            using var trainer = new TinyTrainer(net, new TrainingOptions<TinyMetrics>());
            trainer.Evaluate(data.Batches(16));
            var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
            for (var i = 0; i < 5; i++)
            {
                trainer.Evaluate(data.Batches(16));
            }

            Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        }

        [Fact]
        public void Metrics_are_the_same_whether_the_masked_batch_comes_first_or_last()
        {
            // The accumulators keep no mask buffer until a batch has a mask; both orders must count the same rows.
            var task = new BinaryTask("B");
            TaskMetrics Run(bool maskedFirst)
            {
                using var accumulator = task.CreateAccumulator();
                using var logits1 = torch.tensor(new[] { 2.0f, -1.0f, 0.5f });
                using var logits2 = torch.tensor(new[] { -0.5f, 1.5f, 3.0f });
                using var loss1 = torch.tensor(0.5f);
                using var loss2 = torch.tensor(1.5f);
                var plain = TaskTarget.Binary([1f, 0f, 0f]);
                var masked = TaskTarget.Binary([0f, 1f, 1f], [true, false, true]);
                if (maskedFirst)
                {
                    accumulator.Add(logits2, masked, loss2);
                    accumulator.Add(logits1, plain, loss1);
                }
                else
                {
                    accumulator.Add(logits1, plain, loss1);
                    accumulator.Add(logits2, masked, loss2);
                }

                return accumulator.Compute();
            }

            var first = (BinaryMetrics)Run(maskedFirst: true);
            var last = (BinaryMetrics)Run(maskedFirst: false);
            Assert.Equal(5, first.Count);
            Assert.Equal(5, last.Count);
            Assert.Equal((3 * 0.5 + 2 * 1.5) / 5, first.Loss, 6);
            Assert.Equal(first.Loss, last.Loss, 12);
            Assert.Equal(first.Accuracy, last.Accuracy, 12);
            Assert.Equal(first.Auc, last.Auc, 12);
        }
    }
}
