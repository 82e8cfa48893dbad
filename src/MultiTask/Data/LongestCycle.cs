using System;
using System.Collections.Generic;

namespace MultiTask
{
    /// <summary>
    /// Steps through several tasks' batch sequences together, for models with one input per task: an epoch runs over the
    /// longest sequence, shorter ones restart from their beginning (as LibMTL does), and a task without data (a null or empty
    /// sequence) gets null in every step. Sequences are enumerated lazily, in the caller's <c>MoveNext</c>, so tensors made by
    /// them belong to the caller's dispose scope.
    /// </summary>
    public static class LongestCycle
    {
        /// <summary>
        /// One array per step, with task i's batch (or null) at index i. The number of steps is the longest sequence's length;
        /// a sequence that ends earlier is enumerated again (re-enumerating a shuffling sequence gives a new order). Each
        /// enumeration of the result starts every sequence afresh.
        /// </summary>
        /// <typeparam name="TBatch">The batch type.</typeparam>
        /// <param name="perTask">Each task's batches, in task order; null for a task with no data.</param>
        public static IEnumerable<TBatch?[]> Zip<TBatch>(IReadOnlyList<IEnumerable<TBatch>?> perTask)
            where TBatch : class
        {
            ArgumentNullException.ThrowIfNull(perTask);
            return Enumerate(perTask);
        }

        private static IEnumerable<TBatch?[]> Enumerate<TBatch>(IReadOnlyList<IEnumerable<TBatch>?> perTask)
            where TBatch : class
        {
            var count = perTask.Count;
            var enumerators = new IEnumerator<TBatch>?[count];
            var firstPassDone = new bool[count];
            var ended = new bool[count];
            try
            {
                for (var i = 0; i < count; i++)
                {
                    enumerators[i] = perTask[i]?.GetEnumerator();
                    firstPassDone[i] = enumerators[i] is null;
                }

                while (true)
                {
                    var step = new TBatch?[count];
                    var allDone = true;
                    for (var i = 0; i < count; i++)
                    {
                        ended[i] = false;
                        if (enumerators[i] is { } enumerator)
                        {
                            if (enumerator.MoveNext())
                            {
                                step[i] = enumerator.Current;
                            }
                            else
                            {
                                ended[i] = true;
                                firstPassDone[i] = true;
                                enumerator.Dispose();
                                enumerators[i] = null;
                            }
                        }

                        allDone &= firstPassDone[i];
                    }

                    if (allDone)
                    {
                        yield break;
                    }

                    for (var i = 0; i < count; i++)
                    {
                        if (ended[i])
                        {
                            // A longer sequence goes on: start this one again; an empty one stays without data.
                            var restarted = perTask[i]!.GetEnumerator();
                            if (restarted.MoveNext())
                            {
                                step[i] = restarted.Current;
                                enumerators[i] = restarted;
                            }
                            else
                            {
                                restarted.Dispose();
                            }
                        }
                    }

                    yield return step;
                }
            }
            finally
            {
                foreach (var enumerator in enumerators)
                {
                    enumerator?.Dispose();
                }
            }
        }
    }
}
