using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace MultiTask.Tests
{
    public class LongestCycleTests
    {
        private static IEnumerable<string> Batches(string task, int count) => Enumerable.Range(0, count).Select(i => $"{task}{i}");

        private static string?[][] Steps(params IEnumerable<string>?[] perTask) => LongestCycle.Zip(perTask).ToArray();

        [Fact]
        public void An_epoch_runs_over_the_longest_sequence_and_shorter_ones_restart()
        {
            var steps = Steps(Batches("a", 3), Batches("b", 5));
            Assert.Equal(5, steps.Length);
            Assert.Equal(["a0", "a1", "a2", "a0", "a1"], steps.Select(s => s[0]));
            Assert.Equal(["b0", "b1", "b2", "b3", "b4"], steps.Select(s => s[1]));

            var twice = Steps(Batches("a", 2), Batches("b", 5), Batches("c", 4));
            Assert.Equal(["a0", "a1", "a0", "a1", "a0"], twice.Select(s => s[0]));
            Assert.Equal(["c0", "c1", "c2", "c3", "c0"], twice.Select(s => s[2]));
        }

        [Fact]
        public void An_absent_or_empty_task_gets_null_in_every_step()
        {
            var steps = Steps(Batches("a", 2), null, Enumerable.Empty<string>(), Batches("d", 4));
            Assert.Equal(4, steps.Length);
            Assert.All(steps, s => Assert.Null(s[1]));
            Assert.All(steps, s => Assert.Null(s[2]));
            Assert.Equal(["a0", "a1", "a0", "a1"], steps.Select(s => s[0]));
            Assert.Empty(Steps(null, Enumerable.Empty<string>()));
            Assert.Empty(Steps());
        }

        [Fact]
        public void Each_enumeration_restarts_every_sequence_the_same_way()
        {
            var enumerations = 0;
            var counted = new PerEpochData<string>(_ =>
            {
                enumerations++;
                return Batches("a", 2);
            });
            var zipped = LongestCycle.Zip<string>([counted, Batches("b", 3)]);
            var first = zipped.Select(s => string.Join("|", s)).ToArray();
            var second = zipped.Select(s => string.Join("|", s)).ToArray();
            Assert.Equal(["a0|b0", "a1|b1", "a0|b2"], first);
            Assert.Equal(first, second);
            Assert.Equal(4, enumerations); // started and restarted once per epoch
        }
    }
}
