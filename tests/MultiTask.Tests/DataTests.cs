using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTask.Tests
{
    public class DataTests
    {
        [Fact]
        public void Factories_build_the_documented_dtypes_and_shapes()
        {
            var classes = TaskTarget.Classes([1, 2, 0], [true, false, true]);
            Assert.Equal(ScalarType.Int64, classes.Labels.dtype);
            Assert.Equal(ScalarType.Bool, classes.Mask!.dtype);
            Assert.Equal(3, classes.Rows);

            var binary = TaskTarget.Binary([true, false]);
            Assert.Equal(ScalarType.Float32, binary.Labels.dtype);
            Assert.Equal([1f, 0f], binary.Labels.data<float>().ToArray());
            Assert.Null(binary.Mask);

            var values = TaskTarget.Values(new float[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } });
            Assert.Equal([3L, 2L], values.Labels.shape);
            Assert.Equal([2L], TaskTarget.Values([1f, 2f]).Labels.shape);

            Assert.Throws<ArgumentException>(() => TaskTarget.Classes([1, 2], [true]));
        }

        [Fact]
        public void Select_picks_rows_of_values_and_mask()
        {
            var target = TaskTarget.Classes([10, 11, 12, 13], [true, false, true, false]);
            using var rows = torch.tensor(new long[] { 3, 0 });
            var selected = target.Select(rows);
            Assert.Equal([13L, 10L], selected.Labels.data<long>().ToArray());
            Assert.Equal([false, true], selected.Mask!.data<bool>().ToArray());

            TaskTarget implicitTarget = torch.ones(2);
            Assert.Null(implicitTarget.Mask);
        }

        private static List<long[]> Enumerate(IEnumerable<long[]> batches) => batches.ToList();

        private static InMemoryBatches<long[]> Indices(long rows, int batchSize, bool shuffle, int seed)
            => new(rows, batchSize, shuffle, seed, index => index.data<long>().ToArray());

        [Fact]
        public void Batches_cover_all_rows_and_keep_the_last_partial_batch()
        {
            var batches = Enumerate(Indices(10, 4, shuffle: false, seed: 0));
            Assert.Equal([4, 4, 2], batches.Select(b => b.Length));
            Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), batches.SelectMany(b => b));
            Assert.Empty(Enumerate(Indices(0, 4, shuffle: true, seed: 0)));
        }

        [Fact]
        public void Shuffling_is_deterministic_per_seed_and_new_each_enumeration()
        {
            var a = Indices(50, 8, shuffle: true, seed: 7);
            var b = Indices(50, 8, shuffle: true, seed: 7);
            var a1 = Enumerate(a).SelectMany(x => x).ToArray();
            var a2 = Enumerate(a).SelectMany(x => x).ToArray();
            var b1 = Enumerate(b).SelectMany(x => x).ToArray();
            var b2 = Enumerate(b).SelectMany(x => x).ToArray();
            var c1 = Enumerate(Indices(50, 8, shuffle: true, seed: 8)).SelectMany(x => x).ToArray();

            Assert.Equal(a1, b1);
            Assert.Equal(a2, b2);
            Assert.NotEqual(a1, a2);
            Assert.NotEqual(a1, c1);
            Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), a1.OrderBy(i => i));
            Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), a2.OrderBy(i => i));
        }

        [Fact]
        public void Index_tensors_are_created_in_MoveNext_and_belong_to_the_callers_scope()
        {
            var batches = new InMemoryBatches<Tensor>(6, 3, shuffle: true, seed: 1, index => index);
            using var enumerator = batches.GetEnumerator();
            Tensor first;
            using (var scope = torch.NewDisposeScope())
            {
                Assert.True(enumerator.MoveNext());
                first = enumerator.Current;
                Assert.False(first.IsInvalid);
            }

            Assert.True(first.IsInvalid);
        }

        [Fact]
        public void Batches_reject_a_non_positive_batch_size()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => Indices(10, 0, false, 0));
        }
    }
}
