using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace MultiTask.Tests
{
    /// <summary>Element-wise comparison of a hand-computed vector in doubles with a tensor's floats, to an absolute tolerance.</summary>
    internal static class Tolerance
    {
        public static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<float> actual, double tolerance = 1e-5)
        {
            Assert.Equal(expected.Count, actual.Count);
            var far = Enumerable.Range(0, expected.Count).Where(i => !(Math.Abs(expected[i] - actual[i]) <= tolerance)).ToArray();
            Assert.True(far.Length == 0, $"expected [{string.Join(", ", expected)}], got [{string.Join(", ", actual)}]");
        }
    }
}
