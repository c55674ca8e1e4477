using System.Diagnostics;
using System.Globalization;

namespace Fleet.Bench.Shared;

/// <summary>What the numbers were measured on: cores, memory, load, runtime; and the resident memory of a process.</summary>
public static class Machine
{
    public static string Describe()
    {
        var memoryGb = ReadMemInfoKb("MemTotal") / 1024.0 / 1024.0;
        return $"{Environment.ProcessorCount} cores, {memoryGb:0} GB RAM, .NET {Environment.Version}, shared machine (load average {LoadAverage()}; {CpuPressure()})";
    }

    /// <summary>Linux PSI: the share of time some runnable task waited for a CPU over the last 60 s (how contended the machine was).</summary>
    public static string CpuPressure()
    {
        const string path = "/proc/pressure/cpu";
        if (!File.Exists(path))
            return "CPU pressure n/a";
        var some = File.ReadLines(path).First().Split(' ').FirstOrDefault(p => p.StartsWith("avg60=", StringComparison.Ordinal));
        return $"CPU pressure some avg60 {some?["avg60=".Length..]}%";
    }

    /// <summary>The 1-, 5- and 15-minute load averages as /proc/loadavg gives them.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>Resident set size of a process in MB (VmRSS), or NaN when it has gone.</summary>
    public static double RssMb(int pid) => ReadStatusKb(pid, "VmRSS:") / 1024.0;

    /// <summary>Peak resident set size of a process in MB (VmHWM).</summary>
    public static double PeakRssMb(int pid) => ReadStatusKb(pid, "VmHWM:") / 1024.0;

    private static double ReadStatusKb(int pid, string key)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
            return line is null ? double.NaN : double.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    private static double ReadMemInfoKb(string key)
    {
        var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith(key + ":", StringComparison.Ordinal));
        return double.Parse(line[(key.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    /// <summary>Samples a process's RSS every <paramref name="every"/> for <paramref name="duration"/>; the last sample (the settled value).</summary>
    public static async Task<double> SettledRssMbAsync(int pid, TimeSpan duration, TimeSpan every)
    {
        var watch = Stopwatch.StartNew();
        var last = RssMb(pid);
        while (watch.Elapsed < duration)
        {
            await Task.Delay(every);
            last = RssMb(pid);
        }
        return last;
    }
}
