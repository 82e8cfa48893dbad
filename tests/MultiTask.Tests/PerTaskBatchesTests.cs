using System;
using System.Linq;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.Tests
{
    public class PerTaskBatchesTests
    {
        private static TaskData Rows(int count, float offset)
            => new(torch.arange(count, dtype: ScalarType.Float32).add(offset).reshape(count, 1), TaskTarget.Values(Enumerable.Range(0, count).Select(i => i + offset).ToArray()));

        [Fact]
        public void Tasks_are_batched_on_their_own_and_stepped_over_the_longest()
        {
            var steps = PerTaskBatches.Create<TaskData?[]>([Rows(6, 0), Rows(10, 100), null], batchSize: 2, shuffle: false, seed: 0, step => step).ToArray();

            Assert.Equal(5, steps.Length);
            Assert.Equal([0f, 2, 4, 0, 2], steps.Select(s => s[0]!.Input[0, 0].item<float>()));
            Assert.Equal([100f, 102, 104, 106, 108], steps.Select(s => s[1]!.Input[0, 0].item<float>()));
            Assert.All(steps, s => Assert.Null(s[2]));
            Assert.All(steps, s => Assert.Equal(s[1]!.Input[.., 0].data<float>().ToArray(), s[1]!.Target.Labels.data<float>().ToArray()));
        }

        [Fact]
        public void Rows_of_input_and_target_must_match()
        {
            var bad = new TaskData(torch.zeros(3, 1), TaskTarget.Values([1f, 2f]));
            var error = Assert.Throws<ArgumentException>(() => PerTaskBatches.Create<TaskData?[]>([bad], 2, false, 0, s => s));
            Assert.StartsWith("Task 0: the input has 3 rows but the target has 2.", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void The_loss_of_an_absent_task_is_a_zero_that_back_propagates()
        {
            var task = new RegressionTask("Value");
            using var module = torch.nn.Linear(1, 1);

            var loss = task.LossIfPresent(null, null, module);
            loss.backward();

            Assert.Equal(0f, loss.item<float>());
            Assert.Empty(loss.shape);
            Assert.Throws<TaskDataException>(() => task.LossIfPresent(torch.zeros(2), null, module));
            Assert.Equal(task.Loss(torch.ones(2), torch.zeros(2)).item<float>(), task.LossIfPresent(torch.ones(2), torch.zeros(2), module).item<float>());
        }
    }
}
