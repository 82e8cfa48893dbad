using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MultiTask;
using MultiTask.Plotting;
using MultiTask.Terminal;
using static TorchSharp.torch;

namespace TaskSelection;

/// <summary>
/// One task-selection study on any generated model: train every task together while measuring the inter-task affinity,
/// rank the groupings, then train the best grouping's groups and every task alone from the same declaration (the other
/// tasks' labels masked out), and compare them on the test data.
/// </summary>
/// <param name="Name">The study's name (and its output folder's).</param>
/// <param name="Tasks">The model's task names, in declaration order.</param>
/// <param name="NewModel">A fresh model.</param>
/// <param name="Train">Training batches in which only the given tasks keep their labels.</param>
/// <param name="Test">Test batches with every label.</param>
/// <param name="Score">A task's test metric (<paramref name="MetricName"/>) in the model's metrics.</param>
/// <param name="MetricName">What <paramref name="Score"/> is, and whether higher is better.</param>
internal sealed record Study<TBatch, TMetrics>(
    string Name,
    IReadOnlyList<string> Tasks,
    Func<IMultiTaskModel<TBatch, TMetrics>> NewModel,
    Func<IReadOnlyCollection<string>, IEnumerable<TBatch>> Train,
    IEnumerable<TBatch> Test,
    Func<TMetrics, string, double> Score,
    (string Name, bool HigherIsBetter) MetricName)
{
    public void Run(int epochs, double learningRate, string output)
    {
        var folder = Path.Combine(output, Name);
        Directory.CreateDirectory(folder);
        Console.WriteLine($"== {Name}: {string.Join(", ", Tasks)}");

        var (together, history) = TrainGroup(Tasks, epochs, learningRate, new TaskAffinityOptions { Every = 10 });
        var epochsMeasured = history.Select(e => e.TaskAffinity).OfType<TaskAffinity>().ToArray();
        var affinity = TaskAffinity.Mean(epochsMeasured);
        var candidates = TaskGrouping.Rank(affinity);
        WriteReport(Path.Combine(folder, "affinity.txt"), history, affinity, candidates);
        var heatmap = Heatmaps.Matrix(affinity.Lookahead, affinity.Tasks, $"{Name}: inter-task affinity (lookahead)", Path.Combine(folder, "affinity.png"), rowTitle: "step on task", columnTitle: "loss of task");

        Console.WriteLine();
        Console.WriteLine($"Mean affinity over {epochsMeasured.Length} epochs ({affinity.Measurements} measured steps), Z(row -> column):");
        Console.Write(affinity.Format(affinity.Lookahead));
        Console.WriteLine("Best groupings (score = sum over tasks of the mean affinity onto each from its group):");
        foreach (var candidate in candidates.Take(5))
        {
            Console.WriteLine($"  {candidate}");
        }

        var best = candidates[0];
        var grouped = new Dictionary<string, double>();
        foreach (var group in best.Groups)
        {
            var (metrics, _) = TrainGroup(group, epochs, learningRate, affinity: null);
            foreach (var task in group)
            {
                grouped[task] = Score(metrics, task);
            }
        }

        var alone = Tasks.ToDictionary(task => task, task => Score(TrainGroup([task], epochs, learningRate, affinity: null).Metrics, task));
        Console.WriteLine();
        Console.WriteLine($"Test {MetricName.Name} ({(MetricName.HigherIsBetter ? "higher" : "lower")} is better); groups: {string.Join(" | ", best.Groups.Select(g => string.Join(", ", g)))}");
        Console.WriteLine($"  {"task",-20}{"all together",14}{"chosen groups",15}{"alone",10}");
        foreach (var task in Tasks)
        {
            Console.WriteLine($"  {task,-20}{Score(together, task),14:F4}{grouped[task],15:F4}{alone[task],10:F4}");
        }

        Console.WriteLine($"Report: {Path.GetFullPath(Path.Combine(folder, "affinity.txt"))}; heatmap: {heatmap}");
        Console.WriteLine();
    }

    private (TMetrics Metrics, TrainingHistory<TMetrics> History) TrainGroup(IReadOnlyCollection<string> group, int epochs, double learningRate, TaskAffinityOptions? affinity)
    {
        manual_seed(1);
        using var model = NewModel();
        var progress = new TerminalProgress<TMetrics> { Label = $"{Name} [{string.Join(", ", group)}]", EpochLineInterval = epochs };
        using var trainer = model.CreateTrainer(new TrainingOptions<TMetrics> { Epochs = epochs, LearningRate = learningRate, TaskAffinity = affinity, Callbacks = [progress] });
        var history = trainer.Fit(Train(group));
        return (trainer.Evaluate(Test), history);
    }

    private static void WriteReport(string path, TrainingHistory<TMetrics> history, TaskAffinity mean, IReadOnlyList<GroupingCandidate> candidates)
    {
        using var report = new StreamWriter(path);
        foreach (var epoch in history)
        {
            if (epoch.TaskAffinity is { } affinity)
            {
                report.WriteLine($"epoch {epoch.Epoch} ({affinity.Measurements} measured steps)");
                report.WriteLine(affinity.ToString());
            }
        }

        report.WriteLine("mean over the epochs");
        report.WriteLine(mean.ToString());
        report.WriteLine("every grouping, best first");
        foreach (var candidate in candidates)
        {
            report.WriteLine(candidate.ToString());
        }
    }
}
