using System.Collections.Concurrent;

namespace Fleet.Simulation;

/// <summary>
/// What reconnecting agents went through (thread-safe): streams open now, refused connection attempts, resends,
/// duplicate acks, how each stream ended, and per fault how long the device went without an ack.
/// </summary>
public sealed class RecoveryCounters
{
    public long ConnectedNow;
    public long Sessions;
    public long Refused;
    public long Resent;
    public long DuplicateAcks;
    public long DevicesDown;
    public ConcurrentDictionary<string, long> StreamEnds { get; } = new();
    public LatencyRecorder Recoveries { get; } = new();
    private readonly ConcurrentDictionary<int, double> _worstByDevice = new();

    public void StreamEnded(string how) => StreamEnds.AddOrUpdate(how, 1, (_, n) => n + 1);

    public void Recovered(int device, TimeSpan took)
    {
        Recoveries.Add(took.TotalMilliseconds);
        _worstByDevice.AddOrUpdate(device, took.TotalMilliseconds, (_, worst) => Math.Max(worst, took.TotalMilliseconds));
    }

    /// <summary>Per device, the longest time without an ack after a fault (devices that saw a fault only).</summary>
    public IReadOnlyCollection<double> WorstPerDevice() => _worstByDevice.Values.ToList();

    public string StreamEndSummary() => StreamEnds.IsEmpty ? "none" : string.Join(", ", StreamEnds.OrderBy(e => e.Key).Select(e => $"{e.Key} {e.Value}"));
}
