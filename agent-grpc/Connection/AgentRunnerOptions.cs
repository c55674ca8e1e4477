namespace Fleet.Agent.Connection;

/// <summary>Timings of the run loop when the server has not said otherwise.</summary>
public sealed record AgentRunnerOptions
{
    public TimeSpan DefaultScanInterval { get; init; } = TimeSpan.FromMinutes(15);
    public TimeSpan DefaultHeartbeatInterval { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>The least time between two scans, whatever the server asks (a ScanNow storm must not pin a CPU).</summary>
    public TimeSpan MinimumScanInterval { get; init; } = TimeSpan.FromSeconds(10);
}
