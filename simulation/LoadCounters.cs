using System.Collections.Concurrent;

namespace Fleet.Simulation;

/// <summary>What simulated agents did, shared by all of them (thread-safe).</summary>
public sealed class LoadCounters
{
    public long Connected;
    public long ReportsSent;
    public long ReportsAcked;
    public long Heartbeats;
    public LatencyRecorder AckLatency { get; } = new();
    public ConcurrentDictionary<string, long> Errors { get; } = new();

    public void Error(string what) => Errors.AddOrUpdate(what, 1, (_, n) => n + 1);

    public string ErrorSummary() => Errors.IsEmpty ? "none" : string.Join(", ", Errors.OrderBy(e => e.Key).Select(e => $"{e.Key} {e.Value}"));
}
