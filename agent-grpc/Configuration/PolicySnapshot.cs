namespace Fleet.Agent.Configuration;

/// <summary>The last policy the server sent, kept so `status` works offline and Hello can say which version is held.</summary>
public sealed record PolicySnapshot
{
    public long Version { get; init; }
    public string PolicyJson { get; init; } = "";
    public int ScanIntervalSeconds { get; init; }
    public string MinAgentVersion { get; init; } = "";
    public int OfflineAfterSeconds { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
}
