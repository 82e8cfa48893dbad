using System;
using System.Collections.Generic;

namespace MultiTask
{
    /// <summary>
    /// An epoch's numbers under one naming scheme, shared by the CSV and JSON exports, TensorBoard and the plots:
    /// <c>train/loss</c>, <c>train/{Task}/{Metric}</c> (every <see cref="TaskMetrics.Scalars"/> entry), the same under
    /// <c>validation/</c>, <c>loss_weight/{Task}</c>, <c>learning_rate/{Group}</c> and <c>seconds</c> (the epoch's wall time).
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
            return scalars;
        }

        /// <summary>The tag of <paramref name="metric"/> of <paramref name="task"/> under <paramref name="split"/> (<see cref="Train"/> or <see cref="Validation"/>).</summary>
        public static string Tag(string split, string task, string metric) => $"{split}/{task}/{metric}";

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
