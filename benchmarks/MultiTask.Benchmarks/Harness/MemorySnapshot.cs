using System;
using TorchSharp;

namespace MultiTask.Benchmarks;

/// <summary>The process's memory at one point of a memory run.</summary>
/// <param name="Resident">RSS (VmRSS), MB.</param>
/// <param name="Peak">Peak RSS (VmHWM) since the run's start, MB.</param>
/// <param name="Committed">.NET GC committed bytes, MB.</param>
/// <param name="Allocated">Managed bytes allocated by this thread so far.</param>
/// <param name="Live">Live tensors (<c>DisposeScopeManager.Statistics.ThreadTotalLiveCount</c>).</param>
internal readonly record struct MemorySnapshot(double Resident, double Peak, double Committed, long Allocated, long Live)
{
    public static MemorySnapshot Take() => new(
        ProcessMemory.ResidentMegabytes(),
        ProcessMemory.PeakResidentMegabytes(),
        GC.GetGCMemoryInfo().TotalCommittedBytes / (1024.0 * 1024.0),
        GC.GetAllocatedBytesForCurrentThread(),
        DisposeScopeManager.Statistics.ThreadTotalLiveCount);

    public override string ToString() => FormattableString.Invariant(
        $"RSS {Resident:F1} MB, peak {Peak:F1} MB, .NET committed {Committed:F1} MB, live {Live}");
}
