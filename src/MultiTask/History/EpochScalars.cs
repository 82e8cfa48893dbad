using System;
using System.Collections.Generic;

namespace MultiTask
{
    /// <summary>
    /// An epoch's numbers under one naming scheme, shared by the CSV and JSON exports, TensorBoard and the plots:
    /// <c>train/loss</c>, <c>train/{Task}/{Metric}</c> (every <see cref="TaskMetrics.Scalars"/> entry), the same under
    /// <c>validation/</c>, <c>loss_weight/{Task}</c>, <c>learning_rate/{Group}</c>, <c>seconds</c> (the epoch's wall time), and
    /// with <see cref="TrainingOptions{TMetrics}.TaskAffinity"/> <c>affinity/{From}->{To}</c> (the lookahead) and
    /// <c>gradient_cosine/{A}-{B}</c> for every measured pair.
    /// </summary>
    public static class EpochScalars
    {
        /// <summary>The prefix of the training metrics' tags.</summary>
        public const string Train = "train";

        /// <summary>The prefix of the validation metrics' tags.</summary>
        public const string Validation = "validation";

        /// <summary>The prefix of the applied loss weights' tags.</summary>
        public const string LossWeight = "loss_weight";

        /// <summary>The prefix of the learning rates' tags.</summary>
        public const string LearningRate = "learning_rate";

        /// <summary>The tag of the epoch's wall time in seconds.</summary>
        public const string Seconds = "seconds";

        /// <summary>The prefix of the lookahead affinities' tags.</summary>
        public const string Affinity = "affinity";

        /// <summary>The prefix of the task gradients' cosines' tags.</summary>
        public const string GradientCosine = "gradient_cosine";

        /// <summary>Every number of <paramref name="epoch"/> by tag, in the order above.</summary>
        public static IReadOnlyList<KeyValuePair<string, double>> Of<TMetrics>(EpochResult<TMetrics> epoch)
        {
            ArgumentNullException.ThrowIfNull(epoch);
            var scalars = new List<KeyValuePair<string, double>>();
            Add(scalars, Train, epoch.TrainEvaluation);
            Add(scalars, Validation, epoch.ValidationEvaluation);
            foreach (var (task, weight) in epoch.LossWeights)
            {
                scalars.Add(new($"{LossWeight}/{task}", weight));
            }

            foreach (var (group, rate) in epoch.LearningRates)
            {
                scalars.Add(new($"{LearningRate}/{group}", rate));
            }

            scalars.Add(new(Seconds, epoch.Elapsed.TotalSeconds));
            if (epoch.TaskAffinity is { } affinity)
            {
                AddAffinity(scalars, affinity);
            }

            return scalars;
        }

        /// <summary>The tag of <paramref name="metric"/> of <paramref name="task"/> under <paramref name="split"/> (<see cref="Train"/> or <see cref="Validation"/>).</summary>
        public static string Tag(string split, string task, string metric) => $"{split}/{task}/{metric}";

        /// <summary>Every measured pair: the lookahead from each task onto each other, the cosine of each unordered pair once.</summary>
        private static void AddAffinity(List<KeyValuePair<string, double>> scalars, TaskAffinity affinity)
        {
            var tasks = affinity.Tasks;
            for (var i = 0; i < tasks.Count; i++)
            {
                for (var j = 0; j < tasks.Count; j++)
                {
                    if (i != j && !double.IsNaN(affinity.Lookahead[i, j]))
                    {
                        scalars.Add(new($"{Affinity}/{tasks[i]}->{tasks[j]}", affinity.Lookahead[i, j]));
                    }
                }
            }

            for (var i = 0; i < tasks.Count; i++)
            {
                for (var j = i + 1; j < tasks.Count; j++)
                {
                    if (!double.IsNaN(affinity.GradientCosine[i, j]))
                    {
                        scalars.Add(new($"{GradientCosine}/{tasks[i]}-{tasks[j]}", affinity.GradientCosine[i, j]));
                    }
                }
            }
        }

        private static void Add(List<KeyValuePair<string, double>> scalars, string split, EvaluationResult? result)
        {
            if (result is null)
            {
                return;
            }

            scalars.Add(new($"{split}/loss", result.Loss));
            foreach (var task in result.Tasks)
            {
                foreach (var (metric, value) in task.Scalars())
                {
                    scalars.Add(new(Tag(split, task.Task, metric), value));
                }
            }
        }
    }
}
