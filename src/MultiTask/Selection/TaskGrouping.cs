using System;
using System.Collections.Generic;
using System.Linq;

namespace MultiTask
{
    /// <summary>One way to split the tasks into groups trained together, and its score.</summary>
    /// <param name="Groups">The groups, each a list of task names (in the affinity's task order).</param>
    /// <param name="Score">
    /// The sum over tasks of the affinity onto each task from its group: for task j in group G, the mean of
    /// <c>Z(i -> j)</c> over the other tasks i of G (0 for a task alone). Higher is better.
    /// </param>
    public sealed record GroupingCandidate(IReadOnlyList<IReadOnlyList<string>> Groups, double Score)
    {
        /// <inheritdoc />
        public override string ToString() => $"{string.Join(" | ", Groups.Select(g => string.Join(", ", g)))}  (score {Score:G4})";
    }

    /// <summary>
    /// TAG's network selection (Fifty et al. 2021) over partitions: from an inter-task affinity matrix, the partitions of the
    /// tasks into groups ranked by <see cref="GroupingCandidate.Score"/>. Up to <see cref="ExhaustiveLimit"/> tasks every
    /// partition is scored (4,140 for 8 tasks); above, a stated heuristic: start from every task alone and repeatedly merge
    /// the two groups whose merge raises the score most, while one does, returning every partition on that path.
    /// A pair whose affinity is NaN (never measured) counts as 0.
    /// </summary>
    public static class TaskGrouping
    {
        /// <summary>The largest task count searched exhaustively.</summary>
        public const int ExhaustiveLimit = 8;

        /// <summary>The candidates for <paramref name="affinity"/>'s lookahead matrix, best first.</summary>
        public static IReadOnlyList<GroupingCandidate> Rank(TaskAffinity affinity)
        {
            ArgumentNullException.ThrowIfNull(affinity);
            return Rank(affinity.Lookahead, affinity.Tasks);
        }

        /// <summary>The candidates for <paramref name="lookahead"/> (<c>[i, j] = Z(i -> j)</c>) over <paramref name="tasks"/>, best first.</summary>
        public static IReadOnlyList<GroupingCandidate> Rank(double[,] lookahead, IReadOnlyList<string> tasks)
        {
            ArgumentNullException.ThrowIfNull(lookahead);
            ArgumentNullException.ThrowIfNull(tasks);
            if (lookahead.GetLength(0) != tasks.Count || lookahead.GetLength(1) != tasks.Count)
            {
                throw new ArgumentException($"The affinity matrix is {lookahead.GetLength(0)} x {lookahead.GetLength(1)} for {tasks.Count} tasks.", nameof(lookahead));
            }

            if (tasks.Count == 0)
            {
                throw new ArgumentException("There are no tasks to group.", nameof(tasks));
            }

            var partitions = tasks.Count <= ExhaustiveLimit ? AllPartitions(tasks.Count) : GreedyPath(lookahead, tasks.Count);
            return partitions
                .Select(p => new GroupingCandidate(p.Select(g => (IReadOnlyList<string>)g.Select(t => tasks[t]).ToArray()).ToArray(), Score(lookahead, p)))
                .OrderByDescending(c => c.Score)
                .ThenBy(c => c.Groups.Count)
                .ToArray();
        }

        /// <summary>The score of <paramref name="groups"/> (task indices) under <paramref name="lookahead"/>.</summary>
        public static double Score(double[,] lookahead, IEnumerable<IReadOnlyList<int>> groups)
        {
            ArgumentNullException.ThrowIfNull(lookahead);
            ArgumentNullException.ThrowIfNull(groups);
            double total = 0;
            foreach (var group in groups)
            {
                if (group.Count < 2)
                {
                    continue;
                }

                foreach (var onto in group)
                {
                    total += group.Where(from => from != onto).Average(from => Finite(lookahead[from, onto]));
                }
            }

            return total;
        }

        private static double Finite(double value) => double.IsNaN(value) ? 0 : value;

        /// <summary>Every set partition of 0..n-1, by restricted growth strings.</summary>
        private static List<IReadOnlyList<int>[]> AllPartitions(int n)
        {
            var partitions = new List<IReadOnlyList<int>[]>();
            var labels = new int[n];
            void Assign(int task, int groups)
            {
                if (task == n)
                {
                    partitions.Add(Enumerable.Range(0, groups).Select(g => (IReadOnlyList<int>)Enumerable.Range(0, n).Where(t => labels[t] == g).ToArray()).ToArray());
                    return;
                }

                for (var g = 0; g <= groups; g++)
                {
                    labels[task] = g;
                    Assign(task + 1, Math.Max(groups, g + 1));
                }
            }

            Assign(0, 0);
            return partitions;
        }

        private static List<IReadOnlyList<int>[]> GreedyPath(double[,] lookahead, int n)
        {
            var current = Enumerable.Range(0, n).Select(t => (IReadOnlyList<int>)new[] { t }).ToList();
            var path = new List<IReadOnlyList<int>[]> { current.ToArray() };
            while (current.Count > 1)
            {
                var score = Score(lookahead, current);
                (int A, int B, double Gain)? best = null;
                for (var a = 0; a < current.Count; a++)
                {
                    for (var b = a + 1; b < current.Count; b++)
                    {
                        var gain = Score(lookahead, Merged(current, a, b)) - score;
                        if (gain > 0 && (best is null || gain > best.Value.Gain))
                        {
                            best = (a, b, gain);
                        }
                    }
                }

                if (best is not { } merge)
                {
                    break;
                }

                current = Merged(current, merge.A, merge.B);
                path.Add(current.ToArray());
            }

            return path;
        }

        private static List<IReadOnlyList<int>> Merged(List<IReadOnlyList<int>> groups, int a, int b)
        {
            var merged = groups.Where((_, i) => i != a && i != b).ToList();
            merged.Add(groups[a].Concat(groups[b]).OrderBy(t => t).ToArray());
            return merged;
        }
    }
}
