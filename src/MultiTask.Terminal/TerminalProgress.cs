using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using Spectre.Console;

namespace MultiTask.Terminal
{
    /// <summary>
    /// Shows training in the console: in a terminal, a progress bar per epoch (step i/N, elapsed and remaining time, the
    /// running mean loss of every task and of the total), then one summary line per epoch with the training loss of every
    /// task and every validation metric (every training metric without validation data). When the output is not a terminal (a CI log, a pipe), plain lines instead: the
    /// same summary per epoch and, in long epochs, a progress line every <see cref="PlainLineInterval"/>. The running losses
    /// are summed on the device and read at most every <see cref="RefreshInterval"/> (one host sync each time).
    /// </summary>
    /// <typeparam name="TMetrics">The model's metrics record.</typeparam>
    public sealed class TerminalProgress<TMetrics> : TrainingCallback<TMetrics>
    {
        private readonly IAnsiConsole console;
        private readonly Stopwatch sinceShown = new();
        private readonly Stopwatch epochClock = new();
        private IReadOnlyList<string> tasks = [];
        private int lastEpoch;
        private int epoch;
        private int? batches;
        private RunningLosses? running;
        private LiveBar? bar;

        /// <summary>Writes to <paramref name="console"/> (Spectre's <see cref="AnsiConsole.Console"/> by default).</summary>
        public TerminalProgress(IAnsiConsole? console = null) => this.console = console ?? AnsiConsole.Console;

        /// <summary>How often the bar's running losses are read from the device (default 250 ms).</summary>
        public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromMilliseconds(250);

        /// <summary>Without a terminal: the time between two progress lines within an epoch (default 30 s).</summary>
        public TimeSpan PlainLineInterval { get; init; } = TimeSpan.FromSeconds(30);

        /// <summary>A summary line every this many epochs, and for the last epoch of a <c>Fit</c> (default 1: every epoch).</summary>
        public int EpochLineInterval
        {
            get;
            init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(EpochLineInterval), value, "EpochLineInterval must be positive.");
        } = 1;

        /// <summary>Text at the start of every line and bar (which model, which fold), or null.</summary>
        public string? Label { get; init; }

        private bool Interactive => console.Profile.Capabilities.Interactive;

        /// <inheritdoc />
        public override void OnFitStart(FitStart<TMetrics> fit)
        {
            ArgumentNullException.ThrowIfNull(fit);
            tasks = fit.Tasks.Select(t => t.Name).ToArray();
            lastEpoch = fit.LastEpoch;
        }

        /// <inheritdoc />
        public override void OnEpochStart(EpochStart epoch)
        {
            ArgumentNullException.ThrowIfNull(epoch);
            Close();
            this.epoch = epoch.Epoch;
            batches = epoch.Batches;
            running = new RunningLosses(tasks.Count);
            epochClock.Restart();
            sinceShown.Restart();
            if (Interactive)
            {
                bar = new LiveBar(console, EpochLabel(), batches);
            }
        }

        /// <inheritdoc />
        public override void OnStepEnd(StepEnd step)
        {
            ArgumentNullException.ThrowIfNull(step);
            if (running is null)
            {
                return;
            }

            running.Add(step.Losses);
            var last = step.Batches is { } count && step.Batch == count;
            if (bar is not null && (sinceShown.Elapsed >= RefreshInterval || last))
            {
                bar.Update(step.Batch, $"{EpochLabel()}  {Losses(running.Means())}");
                sinceShown.Restart();
            }
            else if (bar is null && sinceShown.Elapsed >= PlainLineInterval)
            {
                var of = step.Batches is { } total ? $"/{total}" : string.Empty;
                Line($"{EpochLabel()}  step {step.Batch}{of}  {Seconds(epochClock.Elapsed)}  {Losses(running.Means())}");
                sinceShown.Restart();
            }
        }

        /// <inheritdoc />
        public override void OnEpochEnd(EpochEnd<TMetrics> epoch)
        {
            ArgumentNullException.ThrowIfNull(epoch);
            Close();
            if (epoch.Epoch % EpochLineInterval == 0 || epoch.Epoch == lastEpoch || epoch.StopReason is not null)
            {
                Line(Summary(epoch));
            }
        }

        /// <inheritdoc />
        public override void OnFitEnd(FitEnd<TMetrics> fit)
        {
            ArgumentNullException.ThrowIfNull(fit);
            Close();
            if (fit.History.StopReason is { } reason)
            {
                Line($"{Prefix}Stopped after epoch {fit.History[^1].Epoch}: {reason}");
            }
        }

        /// <inheritdoc />
        public override void OnFitFailed(FitFailed failure)
        {
            ArgumentNullException.ThrowIfNull(failure);
            Close();
            Line($"{Prefix}Training failed in epoch {failure.Epoch}: {failure.Exception.Message}");
        }

        /// <summary>A whole line, unwrapped (Spectre would wrap at the console's width, and a redirected output's width is 80).</summary>
        private void Line(string text) => console.Profile.Out.Writer.WriteLine(text);

        private string EpochLabel() => $"{Prefix}Epoch {epoch}/{lastEpoch}";

        private string Prefix => Label is null ? string.Empty : $"{Label}  ";

        /// <summary>The epoch's line: the training loss per task, then every metric of every task on validation (on training without validation data).</summary>
        private string Summary(EpochEnd<TMetrics> end)
        {
            var line = new StringBuilder($"{Prefix}Epoch {end.Epoch}/{lastEpoch}  {Seconds(end.Result.Elapsed)}  train loss {Number(end.Train.Loss)}");
            var detailed = end.Train;
            if (end.Validation is { } validation)
            {
                line.Append(" (").AppendJoin(", ", end.Train.Tasks.Select(t => $"{t.Task} {Number(t.Loss)}")).Append(')');
                line.Append("  validation loss ").Append(Number(validation.Loss));
                detailed = validation;
            }

            foreach (var task in detailed.Tasks)
            {
                line.Append("  ").Append(task.Task).Append(':');
                foreach (var (metric, value) in task.Scalars())
                {
                    line.Append(' ').Append(metric).Append(' ').Append(Number(value));
                }
            }

            return line.ToString();
        }

        private string Losses(IReadOnlyList<double> means)
        {
            var parts = tasks.Select((task, i) => $"{task} {Number(means[i])}");
            return $"loss {Number(means[^1])}  {string.Join("  ", parts)}";
        }

        private static string Seconds(TimeSpan elapsed) => $"{elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s";

        private static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

        private void Close()
        {
            bar?.Dispose();
            bar = null;
            running?.Dispose();
            running = null;
        }
    }
}
