using System;
using System.Globalization;
using System.IO;

namespace MultiTask.Benchmarks;

internal static class ProcessMemory
{
    /// <summary>Resident set size in MB from /proc/self/status (VmRSS), or NaN where it does not exist.</summary>
    public static double ResidentMegabytes() => Read("VmRSS:");

    /// <summary>Peak resident set size in MB (VmHWM), or NaN where it does not exist.</summary>
    public static double PeakResidentMegabytes() => Read("VmHWM:");

    /// <summary>Resets the peak (VmHWM) to the current RSS (Linux 4.0+: writing 5 to /proc/self/clear_refs); no-op elsewhere.</summary>
    public static void ResetPeak()
    {
        const string path = "/proc/self/clear_refs";
        if (File.Exists(path))
        {
            File.WriteAllText(path, "5");
        }
    }

    private static double Read(string field)
    {
        const string path = "/proc/self/status";
        if (!File.Exists(path))
        {
            return double.NaN;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                return double.Parse(parts[1], CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        return double.NaN;
    }
}
