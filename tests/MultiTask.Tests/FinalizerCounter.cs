using System;
using System.Diagnostics.Tracing;
using System.Threading;

namespace MultiTask.Tests
{
    /// <summary>
    /// Counts the objects whose finalizer runs while an action executes: objects a step created and did not dispose (a
    /// TorchSharp Scalar from an implicit conversion, say), which hold native memory until the garbage collector gets to them.
    /// Needs the tests to run one at a time (they do: see AssemblyInfo.cs).
    /// </summary>
    internal sealed class FinalizerCounter : EventListener
    {
        // The runtime delivers its events to listeners from a background thread, a little after they happen.
        private static readonly TimeSpan Delivery = TimeSpan.FromMilliseconds(300);

        private int finalized;

        /// <summary>Objects finalized after <paramref name="action"/> ran, once a full collection has run the finalizers.</summary>
        public static int Count(Action action)
        {
            using var counter = new FinalizerCounter();
            Collect();
            Interlocked.Exchange(ref counter.finalized, 0);
            action();
            Collect();
            return Volatile.Read(ref counter.finalized);
        }

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword: FinalizeObject events
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName?.StartsWith("FinalizeObject", StringComparison.Ordinal) == true)
            {
                Interlocked.Increment(ref finalized);
            }
        }

        private static void Collect()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            Thread.Sleep(Delivery);
        }
    }
}
