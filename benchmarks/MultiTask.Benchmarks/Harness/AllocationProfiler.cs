using System;
using System.Collections.Generic;
using System.Diagnostics.Tracing;
using System.Linq;

namespace MultiTask.Benchmarks;

/// <summary>
/// Samples managed allocations by type from the runtime's GCAllocationTick events (one event per ~100 KB allocated), to
/// find what a training step allocates. Enabled by <c>--alloc-profile</c> in a single-variant memory run.
/// </summary>
internal sealed class AllocationProfiler : EventListener
{
    private readonly Dictionary<string, long> bytesByType = [];
    private readonly Dictionary<string, long> finalizedByType = [];

    public bool Recording { get; set; }

    public void Print(int top = 25)
    {
        lock (bytesByType)
        {
            var total = bytesByType.Values.Sum();
            Console.Error.WriteLine($"sampled managed allocations: {total / 1024.0:F0} KB");
            foreach (var (type, bytes) in bytesByType.OrderByDescending(p => p.Value).Take(top))
            {
                Console.Error.WriteLine(FormattableString.Invariant($"  {bytes * 100.0 / total,5:F1}%  {type}"));
            }

            Console.Error.WriteLine("objects finalized (not disposed):");
            foreach (var (type, n) in finalizedByType.OrderByDescending(p => p.Value).Take(top))
            {
                Console.Error.WriteLine(FormattableString.Invariant($"  {n,8}  {type}"));
            }
        }
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)(0x1 | 0x80000)); // GC and Type keywords
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!Recording || e.EventName is null || e.Payload is null || e.PayloadNames is null)
        {
            return;
        }

        if (e.EventName.StartsWith("FinalizeObject", StringComparison.Ordinal))
        {
            var nameIndex = e.PayloadNames.IndexOf("TypeName");
            var typeName = nameIndex >= 0 ? e.Payload[nameIndex] as string ?? "?" : string.Join(",", e.PayloadNames);
            lock (bytesByType)
            {
                finalizedByType[typeName] = finalizedByType.GetValueOrDefault(typeName) + 1;
            }

            return;
        }

        if (!e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal))
        {
            return;
        }

        var typeIndex = e.PayloadNames.IndexOf("TypeName");
        var amountIndex = e.PayloadNames.IndexOf("AllocationAmount64");
        if (amountIndex < 0)
        {
            amountIndex = e.PayloadNames.IndexOf("AllocationAmount");
        }

        if (typeIndex < 0 || amountIndex < 0)
        {
            return;
        }

        var type = e.Payload[typeIndex] as string ?? "?";
        var amount = Convert.ToInt64(e.Payload[amountIndex], System.Globalization.CultureInfo.InvariantCulture);
        lock (bytesByType)
        {
            bytesByType[type] = bytesByType.GetValueOrDefault(type) + amount;
        }
    }
}
