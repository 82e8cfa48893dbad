using System;
using System.Threading;
using Spectre.Console;

namespace MultiTask.Terminal
{
    /// <summary>
    /// One epoch's Spectre.Console progress bar. Spectre's progress display runs inside a <c>Start</c> call; the trainer's
    /// callbacks are events, so the display runs on a thread of its own from the epoch's start to its end, and the events
    /// update its task (thread-safe in Spectre).
    /// </summary>
    internal sealed class LiveBar : IDisposable
    {
        private readonly ManualResetEventSlim finished = new();
        private readonly Thread thread;
        private ProgressTask? task;
        private Exception? failure;

        public LiveBar(IAnsiConsole console, string description, int? batches)
        {
            using var ready = new ManualResetEventSlim();
            thread = new Thread(() => Show(console, description, batches, ready)) { IsBackground = true, Name = "MultiTask progress" };
            thread.Start();
            ready.Wait();
            if (failure is not null)
            {
                thread.Join();
                throw new InvalidOperationException("The progress display could not start.", failure);
            }
        }

        /// <summary>Shows <paramref name="batch"/> batches done and <paramref name="description"/> (plain text).</summary>
        public void Update(int batch, string description)
        {
            if (task is null)
            {
                return;
            }

            task.Description = Markup.Escape(description);
            task.Value = batch;
        }

        /// <summary>Ends the display (it clears itself; the epoch's summary line follows).</summary>
        public void Dispose()
        {
            finished.Set();
            thread.Join();
            finished.Dispose();
        }

        private void Show(IAnsiConsole console, string description, int? batches, ManualResetEventSlim ready)
        {
            try
            {
                console.Progress()
                    .AutoClear(true)
                    .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new StepCountColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                    .Start(context =>
                    {
                        task = context.AddTask(Markup.Escape(description), maxValue: batches is { } count ? Math.Max(count, 1) : long.MaxValue);
                        task.IsIndeterminate = batches is null;
                        ready.Set();
                        finished.Wait();
                        task.StopTask();
                    });
            }
            catch (Exception exception)
            {
                failure = exception;
                ready.Set();
            }
        }
    }
}
