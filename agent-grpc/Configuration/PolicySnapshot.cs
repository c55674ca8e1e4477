namespace Fleet.Agent.Configuration;

/// <summary>The last policy the server sent, kept so `status` works offline and Hello can say which version is held.</summary>
public sealed record PolicySnapshot
{
    public long Version { get; init; }
    public string PolicyJson { get; init; } = "";
    public int ScanIntervalSeconds { get; init; }
    public string MinAgentVersion { get; init; } = "";
    /// <summary>Where a newer agent is; `status` shows it while this agent is older than <see cref="MinAgentVersion"/>.</summary>
    public string DownloadUrl { get; init; } = "";
    public int OfflineAfterSeconds { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
}
